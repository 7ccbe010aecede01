import Accounts
import APITestSupport
import Foundation
import Kernel
@testable import RateLimit
import Testing
import TestSupport

@Suite(.databases) struct RateLimitTests {
    /// 2026-09-21 19:43:20 IST: the IST hour ends in 16 min 40 s.
    let clock = ManualClock(Timestamp(seconds: 1_790_000_000))
    let test = TestDatabase()
    let live = TenantScope(operatorID: "op_acme", mode: .live)

    func open() async throws -> (Database, RateLimit, EventBus) {
        let db = try test.open(clock: clock)
        try await db.migrate(RateLimitSchema.migrations)
        let limiter = RateLimit(database: db, settings: .inOneProcess)
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
        for _ in 0..<1000 { #expect(await limiter.checkRequest(live).allowed) }
        let refused = await limiter.checkRequest(live)
        #expect(!refused.allowed && refused.violated == ["minute"] && refused.retryAfterSeconds == 1)
        #expect(refused.headers.contains { $0 == (name: "Retry-After", value: "1") })
        clock.advance(by: .milliseconds(60))
        #expect(await limiter.checkRequest(live).allowed)
        #expect(!(await limiter.checkRequest(live).allowed))
        await bus.stop()
    }

    @Test func dayCount_isExact_andSurvivesARestart() async throws {
        do {
            let (_, limiter, bus) = try await open()
            for _ in 0..<900 { _ = await limiter.checkRequest(live) }
            try await limiter.persist()
            await bus.stop()
        }
        clock.advance(by: .seconds(60))
        let (_, restarted, bus) = try await open()
        let day = try await restarted.usage(live).first { $0.quota == .requestsPerDay }!
        #expect(day.remaining == 60_000 - 900, "a count of the IST day: idle time gives nothing back, a restart no fresh day")
        #expect(try await restarted.usage(live).first { $0.name == "minute" }?.remaining == 1000)
        await bus.stop()
    }

    @Test func userCreations_areReservedWhole_andWhatWasNotUsedIsGivenBack() async throws {
        let (_, limiter, bus) = try await open()
        let (first, reservation) = await limiter.reserveUserCreations(live, count: 100)
        #expect(first.allowed)
        await limiter.release(try #require(reservation), used: 60)
        #expect(try await limiter.usage(live).first { $0.quota == .userCreationsPerHour }?.remaining == 440)
        let (refused, none) = await limiter.reserveUserCreations(live, count: 441)
        #expect(!refused.allowed && none == nil && refused.violated == ["user-creations"])
        #expect(refused.retryAfterSeconds == 1000, "the count starts again with the next IST hour")
        #expect(await limiter.checkRequest(live).allowed, "plain requests still pass")
        #expect(await limiter.reserveUserCreations(live, count: 440).decision.allowed)
        await bus.stop()
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite: one process per file"))
    func tierChange_appliedOnOneReplica_reachesTheOthersLimitsAsSoonAsItHears() async throws {
        let (_, _, bus) = try await open()
        let other = try test.open(clock: clock)
        let otherLimiter = RateLimit(database: other)
        let heard = NotificationRecorder(other, channel: OperatorLimitsHandler.channel)
        await heard.wait(for: .mayHaveMissed)
        try await setOperator(bus, "op_acme", tier: "scale")
        _ = await heard.nextMessage()
        #expect(otherLimiter.limits(for: "op_acme").limits[.requestsPerMinute] == 5000)
        await bus.stop()
    }

    @Test func tierChangeAndOverrides_takeEffectAtOnce() async throws {
        let (_, limiter, bus) = try await open()
        for _ in 0..<1000 { _ = await limiter.checkRequest(live) }
        #expect(!(await limiter.checkRequest(live).allowed))
        try await setOperator(bus, "op_acme", tier: "scale")
        #expect(limiter.limits(for: "op_acme").limits[.requestsPerMinute] == 5000)
        #expect(await limiter.checkRequest(live).allowed, "the extra allowance is there at once")
        #expect(try await limiter.usage(live).first { $0.name == "minute" }?.remaining == 3999)
        try await setOperator(bus, "op_acme", tier: "standard", limits: ["requests_per_minute": 2])
        #expect(!(await limiter.checkRequest(live).allowed))
        #expect(limiter.limits(for: "op_acme").limits[.webhookSubscriptions] == 10)
        await bus.stop()
    }

    @Test func operatorsAndModes_neverShareBuckets() async throws {
        let (_, limiter, bus) = try await open()
        try await setOperator(bus, "op_acme", tier: "standard", limits: ["requests_per_minute": 3])
        try await setOperator(bus, "op_beta", tier: "standard", limits: ["requests_per_minute": 3])
        for _ in 0..<3 { _ = await limiter.checkRequest(live) }
        #expect(!(await limiter.checkRequest(live).allowed))
        #expect(await limiter.checkRequest(TenantScope(operatorID: "op_acme", mode: .test)).allowed)
        #expect(await limiter.checkRequest(TenantScope(operatorID: "op_beta", mode: .live)).allowed)
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
