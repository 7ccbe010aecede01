import HTTPServer

/// A ``RateLimiter``'s answer, with the headers that tell the client where it stands (e.g. `RateLimit-Policy` and
/// `RateLimit`); they go on the handler's response, or on the 429.
public struct RateLimitDecision: Sendable {
    /// nil when allowed; when refused, how long until a retry can succeed (sent as `Retry-After`, whole seconds).
    public let retryAfter: Duration?
    public let headers: HTTPHeaders
    /// The policies that refused (the problem's `violated_policies`).
    public let violated: [String]

    public static func allow(headers: HTTPHeaders = [:]) -> RateLimitDecision {
        RateLimitDecision(retryAfter: nil, headers: headers, violated: [])
    }

    public static func refuse(retryAfter: Duration, headers: HTTPHeaders = [:], violated: [String] = []) -> RateLimitDecision {
        RateLimitDecision(retryAfter: retryAfter, headers: headers, violated: violated)
    }
}
