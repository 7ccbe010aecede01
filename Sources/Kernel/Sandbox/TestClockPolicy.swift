/// What a test clock may be set and moved to, decided from the times alone (the actor passes the wall time in).
///
/// A clock only ever starts now or later and moves forward: the sandbox's history (roll-ups, ledger entries, events)
/// stays in time order, and nothing it does is stamped before the operator existed. Each move covers at most
/// ``maximumMove``, since everything that falls due on the way runs before the call answers.
enum TestClockPolicy {
    /// The longest a clock moves in one call: 60 days.
    static let maximumMove: Duration = .seconds(60 * 86_400)

    /// The time a new clock freezes at: `requested`, or `now` when none is given; never before `now`, at most
    /// ``maximumMove`` after it.
    static func freezeTime(requested: Timestamp?, now: Timestamp) throws -> Timestamp {
        guard let requested else { return now }
        guard requested >= now else {
            throw DomainError.invalidField("frozen_time", "must not be before the current time (\(now.rfc3339)); leave it out to freeze now")
        }
        guard requested - now <= maximumMove else {
            throw DomainError.invalidField("frozen_time", "must be at most 60 days after the current time (\(now.rfc3339))")
        }
        return requested
    }

    /// Checks a move of a clock at `current` to `target`: forward, by at most ``maximumMove``.
    static func checkAdvance(from current: Timestamp, to target: Timestamp) throws {
        guard target > current else {
            throw DomainError.invalidField("to", "must be after the clock's time (\(current.rfc3339))")
        }
        guard target - current <= maximumMove else {
            throw DomainError.invalidField("to", "must be at most 60 days after the clock's time (\(current.rfc3339))")
        }
    }
}
