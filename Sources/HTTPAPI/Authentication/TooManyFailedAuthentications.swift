/// The ``AuthenticationThrottle``'s refusal: the address failed to authenticate too often. The API answers it
/// 429 `quota_exceeded` with `Retry-After`; the dashboard shows it on its page.
public struct TooManyFailedAuthentications: Error, Sendable, Equatable {
    /// Whole seconds until the address may try again (at least 1).
    public let retryAfterSeconds: Int
    /// The limiter's name for the limit, which `violated_policies` reports.
    public let policy: String

    public init(retryAfterSeconds: Int, policy: String) {
        self.retryAfterSeconds = retryAfterSeconds
        self.policy = policy
    }

    /// The problem the API answers with.
    var apiError: APIError {
        APIError(.rateLimited, "Too many failed authentications from this address; retry later.",
                 headers: ["Retry-After": String(retryAfterSeconds)], extensions: ["violated_policies": [.string(policy)]])
    }
}
