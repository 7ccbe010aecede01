import HTTPAPI
import Kernel
import Synchronization
import Testing

/// The throttle's rules, over a scripted limiter: what counts as a failure, that a valid credential always gets
/// through (issue 15, finding 5), and that a guessable password from a refused address is never looked at.
@Suite struct AuthenticationThrottleTests {
    /// Failures recorded per address; an address with `limit` failures is refused for 30 s.
    final class Limiter: Sendable {
        let failures = Mutex<[String: Int]>([:])
        let limit: Int

        init(limit: Int) { self.limit = limit }

        var throttle: AuthenticationThrottle {
            AuthenticationThrottle(
                refusal: { address in
                    self.failures.withLock { $0[address, default: 0] >= self.limit }
                        ? TooManyFailedAuthentications(retryAfterSeconds: 30, policy: "auth-failures") : nil
                },
                recordFailure: { address in self.failures.withLock { $0[address, default: 0] += 1 } })
        }

        func count(_ address: String) -> Int { failures.withLock { $0[address, default: 0] } }
    }

    @Test func attempt_countsANilAnswerAndAnUnauthenticatedError_butNotOtherErrorsOrSuccess() async throws {
        let limiter = Limiter(limit: 10), throttle = limiter.throttle
        #expect(try await throttle.attempt(from: "a") { "principal" } == "principal")
        #expect(try await throttle.attempt(from: "a") { String?.none } == nil)
        await #expect(throws: DomainError.self) {
            _ = try await throttle.attempt(from: "a") { () -> String? in throw DomainError(.unauthenticated, code: .notFound, "no") }
        }
        await #expect(throws: DomainError.self) {
            _ = try await throttle.attempt(from: "a") { () -> String? in throw DomainError(.invalid, code: .validationFailed, "bad body") }
        }
        #expect(limiter.count("a") == 2)
    }

    @Test func attempt_fromAnAddressThatFailedTooOften_stillLetsAValidCredentialThrough() async throws {
        let limiter = Limiter(limit: 2), throttle = limiter.throttle
        for _ in 0..<2 { _ = try await throttle.attempt(from: "a") { String?.none } }
        #expect(try await throttle.attempt(from: "a") { "principal" } == "principal")
    }

    @Test func attempt_aFailureFromAnAddressThatFailedTooOften_isRefusedWithItsWait() async throws {
        let limiter = Limiter(limit: 2), throttle = limiter.throttle
        for _ in 0..<2 { #expect(try await throttle.attempt(from: "a") { String?.none } == nil) }
        let refusal = await #expect(throws: TooManyFailedAuthentications.self) {
            _ = try await throttle.attempt(from: "a") { String?.none }
        }
        #expect(refusal == TooManyFailedAuthentications(retryAfterSeconds: 30, policy: "auth-failures"))
        await #expect(throws: TooManyFailedAuthentications.self) {
            _ = try await throttle.attempt(from: "a") { () -> String? in throw DomainError(.unauthenticated, code: .notFound, "no") }
        }
        #expect(try await throttle.attempt(from: "b") { String?.none } == nil, "other addresses are untouched")
    }

    @Test func passwordAttempt_fromAnAddressThatFailedTooOften_isRefusedWithoutRunning() async throws {
        let limiter = Limiter(limit: 2), throttle = limiter.throttle
        for _ in 0..<2 { _ = try await throttle.passwordAttempt(from: "a") { String?.none } }
        let ran = Mutex(false)
        let refusal = await #expect(throws: TooManyFailedAuthentications.self) {
            _ = try await throttle.passwordAttempt(from: "a") { () -> String? in ran.withLock { $0 = true }; return "right password" }
        }
        #expect(refusal == TooManyFailedAuthentications(retryAfterSeconds: 30, policy: "auth-failures"))
        #expect(!ran.withLock { $0 }, "a password is guessable: a refused address does not get to try one")
        #expect(try await throttle.passwordAttempt(from: "b") { "member" } == "member", "other addresses are untouched")
    }
}
