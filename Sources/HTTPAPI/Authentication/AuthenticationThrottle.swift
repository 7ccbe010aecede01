import Kernel

/// The one limit on failed authentications, shared by every path that checks a secret: bearer tokens, login-link
/// redemption, the dashboard's sign-in and its password re-check. An address that failed too often is refused
/// before its secret is even looked at, so keys, tokens and passwords cannot be brute-forced one path at a time.
///
/// It decides nothing itself: `retryAfter` and `recordFailure` are the per-address bucket (the RateLimit module's,
/// in the server).
public struct AuthenticationThrottle: Sendable {
    /// The limit's name, reported with a refusal.
    private let policy: String
    /// Seconds until `address` may try again; nil while it may.
    private let retryAfter: @Sendable (_ address: String) -> Int?
    private let recordFailure: @Sendable (_ address: String) -> Void

    public init(
        policy: String, retryAfter: @escaping @Sendable (String) -> Int?, recordFailure: @escaping @Sendable (String) -> Void
    ) {
        self.policy = policy
        self.retryAfter = retryAfter
        self.recordFailure = recordFailure
    }

    /// Runs one authentication `attempt` from `address`. A nil result, or a ``DomainError`` of kind
    /// `unauthenticated`, counts as a failure against the address.
    /// - Throws: ``TooManyFailedAuthentications`` without running `attempt` when the address failed too often.
    public func attempt<T: Sendable>(from address: String, _ attempt: () async throws -> T?) async throws -> T? {
        if let seconds = retryAfter(address) { throw TooManyFailedAuthentications(retryAfterSeconds: max(1, seconds), policy: policy) }
        let outcome: T?
        do {
            outcome = try await attempt()
        } catch let error as DomainError where error.kind == .unauthenticated {
            recordFailure(address)
            throw error
        }
        if outcome == nil { recordFailure(address) }
        return outcome
    }
}
