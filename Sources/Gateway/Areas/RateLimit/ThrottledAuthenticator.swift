import HTTPAPI
import HTTPServer
import Kernel
import RateLimit

/// Wraps an authenticator with the per-address limit on failed attempts: an address that failed too often gets
/// 429 before its token is even looked at, so keys and login tokens cannot be brute-forced.
public struct ThrottledAuthenticator: Authenticator {
    let wrapped: any Authenticator
    let limits: RateLimit

    public init(_ wrapped: any Authenticator, limits: RateLimit) {
        self.wrapped = wrapped
        self.limits = limits
    }

    public var kind: Principal.Kind { wrapped.kind }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        let gate = limits.authenticationAllowed(from: request.remoteAddress)
        guard gate.allowed else { throw APIError.tooManyFailedAuthentications(gate) }
        let principal = try await wrapped.authenticate(bearerToken: token, request: request)
        if principal == nil { limits.recordAuthenticationFailure(from: request.remoteAddress) }
        return principal
    }
}

extension APIError {
    /// 429 for an address whose failed authentications used up its bucket.
    static func tooManyFailedAuthentications(_ decision: QuotaDecision) -> APIError {
        APIError(.rateLimited, "Too many failed authentications from this address; retry later.",
                     headers: ["Retry-After": String(max(1, decision.retryAfterSeconds))],
                     extensions: ["violated-policies": [.string(RateLimit.authFailuresPolicy)]])
    }
}
