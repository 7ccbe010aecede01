import HTTPAPI
import HTTPServer
import Kernel
import RateLimit

/// The Gateway's side of the quotas: which buckets a request touches.
///
/// Operator-key requests take from the operator's per-minute bucket and per-day count in the key's mode (user
/// creations are ``UserCreationQuota``'s, after the idempotency step). `GET /v1/wl/limits` is not counted.
/// Client-app calls are limited per session and per address; sign-up and login per address. Admin calls and the
/// system probes are not limited.
public struct QuotaLimiter: RateLimiter {
    let limits: RateLimit

    public init(limits: RateLimit) { self.limits = limits }

    public func decide(_ context: RequestContext) async throws -> RateLimitDecision {
        let decision: QuotaDecision
        switch context.principal?.kind {
        case .operatorKey?:
            if context.endpoint.operation.id == OpenAPIOperation.getLimits.id { return .allow() }
            decision = limits.checkRequest(try context.scope)
        case .clientSession?:
            decision = limits.checkClientRequest(session: context.principal?.subject, address: context.request.remoteAddress)
        case .admin?:
            return .allow()
        case nil:
            guard context.request.path.hasPrefix("/v1/client/") else { return .allow() }
            decision = limits.checkClientRequest(session: nil, address: context.request.remoteAddress)
        }
        return Self.gatewayDecision(decision)
    }

    static func gatewayDecision(_ decision: QuotaDecision) -> RateLimitDecision {
        var headers = HTTPHeaders()
        for (name, value) in decision.headers where name != "Retry-After" { headers[name] = value }
        guard decision.allowed else {
            return .refuse(retryAfter: .seconds(max(1, decision.retryAfterSeconds)), headers: headers, violated: decision.violated)
        }
        return .allow(headers: headers)
    }
}
