import HTTPAPI
import HTTPServer
import Kernel
import RateLimit

/// The Gateway's side of the quotas: which buckets a request touches.
///
/// Operator-key requests take from the operator's per-minute bucket and per-day count in the key's mode (user
/// creations are ``UserCreationQuota``'s, after the idempotency step). `GET /v1/wl/limits` is not counted.
/// Client-app calls are limited per session and per address; login per address; sign-up per address and by the
/// operator's sign-up quotas. Admin calls and the system probes are not limited.
public struct QuotaLimiter: RateLimiter {
    let limits: RateLimit
    /// The operator with a slug (sign-ups name theirs by slug), nil when there is none.
    let operatorID: @Sendable (_ slug: String) async throws -> String?

    public init(limits: RateLimit, operatorID: @escaping @Sendable (_ slug: String) async throws -> String?) {
        self.limits = limits
        self.operatorID = operatorID
    }

    public func decide(_ context: RequestContext) async throws -> RateLimitDecision {
        let decision: QuotaDecision
        switch context.principal?.kind {
        case .operatorKey?:
            if context.endpoint.operation.id == OpenAPIOperation.getLimits.id { return .allow() }
            decision = await limits.checkRequest(try context.scope)
        case .clientSession?:
            decision = limits.checkClientRequest(session: context.principal?.subject, address: context.request.clientAddress)
        case .admin?, .metricsScraper?:
            return .allow()
        case nil:
            guard context.request.path.hasPrefix("/v1/client/") else { return .allow() }
            decision = context.endpoint.operation.id == OpenAPIOperation.clientSignup.id
                ? await limits.checkSignup(try await signupScope(context), address: context.request.clientAddress)
                : limits.checkClientRequest(session: nil, address: context.request.clientAddress)
        }
        return Self.gatewayDecision(decision)
    }

    static func gatewayDecision(_ decision: QuotaDecision) -> RateLimitDecision {
        let headers = decision.rateLimitHeaders
        guard decision.allowed else {
            return .refuse(retryAfter: .seconds(max(1, decision.retryAfterSeconds)), headers: headers, violated: decision.violated)
        }
        return .allow(headers: headers)
    }
}
