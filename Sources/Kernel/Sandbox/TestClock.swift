/// A sandbox's clock as the API shows it: pinned at `frozen_time`, or running on real time (`frozen_time` null).
public struct TestClock: Encodable, Sendable, Equatable {
    public var object = "test_clock"
    /// Always false: test clocks exist in test mode only.
    public var livemode = false
    /// The pinned, simulated time; nil while the sandbox runs on real time.
    public let frozenTime: Timestamp?
    /// The sandbox's time now: the frozen time, or the real time.
    public let currentTime: Timestamp
    /// What the move that answered this did; nil on a read, or a return to real time that had nothing to catch up.
    public let advance: TestClockRun?

    enum CodingKeys: String, CodingKey {
        case object, livemode, advance
        case frozenTime = "frozen_time", currentTime = "current_time"
    }

    /// Encodes the absent as `null`, so every member is always there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(frozenTime, forKey: .frozenTime)
        try container.encode(currentTime, forKey: .currentTime)
        try container.encode(advance, forKey: .advance)
    }
}

/// What one move of a test clock did: the calendar's work at each moment on the way, in order, and the events the
/// sandbox published meanwhile.
public struct TestClockRun: Encodable, Sendable, Equatable {
    public let from: Timestamp
    public let to: Timestamp
    /// The moments the clock stopped at to run what fell due there; the last is `to`.
    public let steps: Int
    /// What each domain's calendar did, by name (`days_rolled_up`, `brokers_expired`…), summed over the steps.
    public let work: [String: Int]
    /// Events the sandbox published during the move (the calendar's and every reaction to them).
    public let eventsEmitted: Int
    public let eventsByType: [String: Int]

    enum CodingKeys: String, CodingKey {
        case from, to, steps, work
        case eventsEmitted = "events_emitted", eventsByType = "events_by_type"
    }
}
