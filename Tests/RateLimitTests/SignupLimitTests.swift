import Accounts
import APITestSupport
import Foundation
import Kernel
@testable import RateLimit
import Testing
import TestSupport

/// The sign-up limits as RateLimit decides them (issue 15, finding 4): per operator and mode, and per address at each.
@Suite(.databases) struct SignupLimitTests {
    let clock = ManualClock(Timestamp(seconds: 1_790_000_000))
    let test = TestDatabase()
    let live = TenantScope(operatorID: "op_acme", mode: .live)

    func open() async throws -> RateLimit {
        let db = try test.open(clock: clock)
        try await db.migrate(RateLimitSchema.migrations)
        let limiter = RateLimit(database: db, settings: .inOneProcess)
        try await limiter.restore()
        return limiter
    }

    @Test func theEleventhSignupFromOneAddress_isRefused_allOrNothing() async throws {
        let limiter = try await open()
        for _ in 0..<10 { #expect(await limiter.checkSignup(live, address: "198.51.100.7").allowed) }
        let refused = await limiter.checkSignup(live, address: "198.51.100.7")
        #expect(!refused.allowed && refused.violated == ["signups-per-address"] && refused.retryAfterSeconds == 360)
        #expect(try await limiter.usage(live).first { $0.quota == .signupsPerHour }?.remaining == 190, "the refusal took nothing")
        #expect(await limiter.checkSignup(TenantScope(operatorID: "op_acme", mode: .test), address: "198.51.100.7").allowed)
        #expect(await limiter.checkSignup(nil, address: "198.51.100.7").allowed, "an unknown operator is a client request only")
    }

    @Test func theOperatorsHourlySignups_surviveARestart_butNotThePerAddressOnes() async throws {
        do {
            let limiter = try await open()
            for i in 0..<150 { _ = await limiter.checkSignup(live, address: "198.51.100.\(i % 100)") }
            try await limiter.persist()
        }
        let restarted = try await open()
        #expect(try await restarted.usage(live).first { $0.quota == .signupsPerHour }?.remaining == 50, "no fresh hour after a restart")
        #expect(try await restarted.usage(live).first { $0.quota == .signupsPerAddressPerHour }?.remaining == 10)
    }
}
