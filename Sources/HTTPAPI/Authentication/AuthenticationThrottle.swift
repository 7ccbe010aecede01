import Kernel

/// The one limit on failed authentications, shared by every path that checks a secret: bearer tokens, login-link
/// redemption, the dashboard's sign-in and its password re-check. Failures on any path count against the client's
/// address.
///
/// It throttles failures only. A token (API key, admin token, session, login link) is always checked, and a valid
/// one always gets through: otherwise whoever shares an address with an attacker (behind a proxy, a NAT) would be
/// locked out with them. Once the address has failed too often, its failures are answered 429 instead of 401; the
/// tokens are too long to guess anyway. A password is the exception: it is guessable, so while its address is
/// refused it is not even looked at (``passwordAttempt(from:_:)``).
///
/// It decides nothing itself: `refusal` and `recordFailure` are the per-address bucket (the RateLimit module's, in
/// the server).
public struct AuthenticationThrottle: Sendable {
    /// Why `address` may not fail again yet; nil while it may.
    private let refusal: @Sendable (_ address: String) -> TooManyFailedAuthentications?
    private let recordFailure: @Sendable (_ address: String) -> Void

    public init(
        refusal: @escaping @Sendable (String) -> TooManyFailedAuthentications?, recordFailure: @escaping @Sendable (String) -> Void
    ) {
        self.refusal = refusal
        self.recordFailure = recordFailure
    }

    /// Checks a token from `address`. A nil result, or a ``DomainError`` of kind `unauthenticated`, is a failure
    /// and counts against the address.
    /// - Throws: ``TooManyFailedAuthentications`` for a failure from an address that failed too often already.
    public func attempt<T: Sendable>(from address: String, _ attempt: () async throws -> T?) async throws -> T? {
        do {
            guard let outcome = try await attempt() else {
                try fail(address)
                return nil
            }
            return outcome
        } catch let error as DomainError where error.kind == .unauthenticated {
            try fail(address)
            throw error
        }
    }

    /// Checks a password from `address`, which is refused unchecked, right or wrong, while the address may not fail
    /// again; failures count like a token's.
    /// - Throws: ``TooManyFailedAuthentications`` without running `attempt` when the address failed too often.
    public func passwordAttempt<T: Sendable>(from address: String, _ attempt: () async throws -> T?) async throws -> T? {
        if let refused = refusal(address) { throw refused }
        return try await self.attempt(from: address, attempt)
    }

    /// Counts a failure from `address`, or throws the refusal when the address has failed too often already.
    private func fail(_ address: String) throws(TooManyFailedAuthentications) {
        if let refused = refusal(address) { throw refused }
        recordFailure(address)
    }
}
