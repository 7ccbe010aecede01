import Testing
@testable import Kernel

/// What a test clock may be set and moved to, decided from the times alone.
@Suite struct TestClockPolicyTests {
    static let now = Timestamp(milliseconds: 1_790_000_000_000)
    static let day: Duration = .seconds(86_400)

    @Test func aClock_freezesNowByDefault_orLater_butNeverBeforeNow_norMoreThan60DaysAhead() throws {
        #expect(try TestClockPolicy.freezeTime(requested: nil, now: Self.now) == Self.now)
        #expect(try TestClockPolicy.freezeTime(requested: Self.now + .seconds(60 * 86_400), now: Self.now) == Self.now + .seconds(60 * 86_400))
        #expect(throws: DomainError.self) { try TestClockPolicy.freezeTime(requested: Self.now - .seconds(1), now: Self.now) }
        #expect(throws: DomainError.self) { try TestClockPolicy.freezeTime(requested: Self.now + .seconds(60 * 86_400 + 1), now: Self.now) }
    }

    @Test func aMove_goesForward_byAtMost60Days() throws {
        try TestClockPolicy.checkAdvance(from: Self.now, to: Self.now + .milliseconds(1))
        try TestClockPolicy.checkAdvance(from: Self.now, to: Self.now + .seconds(60 * 86_400))
        #expect(throws: DomainError.self) { try TestClockPolicy.checkAdvance(from: Self.now, to: Self.now) }
        #expect(throws: DomainError.self) { try TestClockPolicy.checkAdvance(from: Self.now, to: Self.now + .seconds(60 * 86_400 + 1)) }
    }
}
