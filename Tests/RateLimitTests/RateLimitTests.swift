import Accounts
import APITestSupport
import Foundation
import Kernel
@testable import RateLimit
import Testing
import TestSupport

@Suite(.databases) struct RateLimitTests {
    let clock = ManualClock(Timestamp(seconds: 1_790_000_000))
    let test = TestDatabase()
    let live = TenantScope(operatorID: "op_acme", mode: .live)

    func open() async throws -> (Database, RateLimit, EventBus) {
        let db = try test.open(clock: clock)
        try await db.migrate(RateLimitSchema.migrations)
        let limiter = RateLimit(database: db)
        try await limiter.restore()
        let bus = EventBus(database: db)
        await bus.subscribe(limiter.eventHandler)
        await bus.start()
        return (db, limiter, bus)
    }

    func setOperator(_ bus: EventBus, _ id: String, tier: String, limits: [String: Int] = [:]) async throws {
        try await bus.publish(NewEvent(type: AccountsEvent.operatorUpdated, tenant: id, mode: .live,
                                       payload: OperatorSettingsPayload.mock(operatorID: id, tier: tier, limits: limits)))
        try await bus.drain()
    }

    @Test func the1001stRequestInAMinute_isRefusedWithRetryAfter_andPassesAfterTheClockMoves() async throws {
        let (_, limiter, bus) = try await open()
        for _ in 0..<1000 { #expect(limiter.checkRequest(live).allowed) }
        let refused = limiter.checkRequest(live)
        #expect(!refused.allowed && refused.violated == ["minute"] && refused.retryAfterSeconds == 1)
        #expect(refused.headers.contains { $0 == (name: "Retry-After", value: "1") })
        clock.advance(by: .milliseconds(60))
        #expect(limiter.checkRequest(live).allowed)
        #expect(!limiter.checkRequest(live).allowed)
        await bus.stop()
    }

    @Test func dayBucket_survivesARestart() async throws {
        do {
            let (_, limiter, bus) = try await open()
            for _ in 0..<900 { _ = limiter.checkRequest(live) }
            try await limiter.persist()
            await bus.stop()
        }
        clock.advance(by: .seconds(60))
        let (_, restarted, bus) = try await open()
        let day = restarted.usage(live).first { $0.name == "day" }!
        #expect(day.remaining == 60_000 - 900 + 41, "60 s refilled 41.67 tokens of the day bucket, no fresh day")
        #expect(restarted.usage(live).first { $0.name == "minute" }?.remaining == 1000)
        await bus.stop()
    }

    @Test func the501stUserCreation_isRefusedWhileOtherRequestsPass() async throws {
        let (_, limiter, bus) = try await open()
        #expect(limiter.checkRequest(live, userCreations: 100).allowed)
        for _ in 0..<400 { #expect(limiter.checkRequest(live, userCreations: 1).allowed) }
        let refused = limiter.checkRequest(live, userCreations: 1)
        #expect(!refused.allowed && refused.violated == ["user-creations"])
        #expect(limiter.checkRequest(live).allowed, "plain requests still pass")
        let bulk = limiter.checkRequest(live, userCreations: 50)
        #expect(!bulk.allowed && bulk.retryAfterSeconds == 360, "50 tokens at one per 7.2 s")
        await bus.stop()
    }

    @Test func tierChangeAndOverrides_takeEffectAtOnce() async throws {
        let (_, limiter, bus) = try await open()
        for _ in 0..<1000 { _ = limiter.checkRequest(live) }
        #expect(!limiter.checkRequest(live).allowed)
        try await setOperator(bus, "op_acme", tier: "scale")
        #expect(limiter.limits(for: "op_acme").limits[.requestsPerMinute] == 5000)
        #expect(limiter.checkRequest(live).allowed, "the extra allowance is there at once")
        #expect(limiter.usage(live).first { $0.name == "minute" }?.remaining == 3999)
        try await setOperator(bus, "op_acme", tier: "standard", limits: ["requests_per_minute": 2])
        #expect(!limiter.checkRequest(live).allowed)
        #expect(limiter.limits(for: "op_acme").limits[.webhookSubscriptions] == 10)
        await bus.stop()
    }

    @Test func operatorsAndModes_neverShareBuckets() async throws {
        let (_, limiter, bus) = try await open()
        try await setOperator(bus, "op_acme", tier: "standard", limits: ["requests_per_minute": 3])
        try await setOperator(bus, "op_beta", tier: "standard", limits: ["requests_per_minute": 3])
        for _ in 0..<3 { _ = limiter.checkRequest(live) }
        #expect(!limiter.checkRequest(live).allowed)
        #expect(limiter.checkRequest(TenantScope(operatorID: "op_acme", mode: .test)).allowed)
        #expect(limiter.checkRequest(TenantScope(operatorID: "op_beta", mode: .live)).allowed)
        await bus.stop()
    }

    @Test func failedAuthentications_areLimitedPerAddress() async throws {
        let (_, limiter, bus) = try await open()
        for _ in 0..<20 {
            #expect(limiter.authenticationAllowed(from: "203.0.113.7").allowed)
            limiter.recordAuthenticationFailure(from: "203.0.113.7")
        }
        let refused = limiter.authenticationAllowed(from: "203.0.113.7")
        #expect(!refused.allowed && refused.retryAfterSeconds == 3)
        #expect(limiter.authenticationAllowed(from: "203.0.113.8").allowed)
        clock.advance(by: .seconds(3))
        #expect(limiter.authenticationAllowed(from: "203.0.113.7").allowed)
        await bus.stop()
    }
}
