import HTTPServer

/// The ``AuthenticationThrottle``'s refusal: the address failed to authenticate too often. The API answers it
/// 429 `quota_exceeded` with `Retry-After` and the `RateLimit` headers; the dashboard shows it on its page.
public struct TooManyFailedAuthentications: Error, Sendable, Equatable {
    /// Whole seconds until the address is heard again (at least 1): its next failure then counts, and is answered,
    /// as an ordinary one.
    public let retryAfterSeconds: Int
    /// The limiter's name for the limit, which `violated_policies` reports.
    public let policy: String
    /// `RateLimit-Policy` and `RateLimit` (when the address has its whole allowance again), as the limiter states them.
    public let rateLimitHeaders: HTTPHeaders

    public init(retryAfterSeconds: Int, policy: String, rateLimitHeaders: HTTPHeaders = [:]) {
        self.retryAfterSeconds = retryAfterSeconds
        self.policy = policy
        self.rateLimitHeaders = rateLimitHeaders
    }

    /// The problem the API answers with.
    var apiError: APIError {
        var headers = rateLimitHeaders
        headers["Retry-After"] = String(retryAfterSeconds)
        return APIError(.rateLimited, "Too many failed authentications from this address; retry in \(retryAfterSeconds) s.",
                        headers: headers, extensions: ["violated_policies": [.string(policy)]])
    }
}
