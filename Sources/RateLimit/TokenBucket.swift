import Kernel

/// A token bucket in exact integer arithmetic.
///
/// The level is kept in units of 1/`window` ms of a token: every millisecond adds `capacity` units, and one token
/// is `window` units, so refill over any span is exact (no floating-point drift, partial tokens accumulate). A
/// clock that steps backwards refills nothing and never rewinds the bucket.
public struct TokenBucket: Sendable, Equatable {
    /// Tokens when full, and tokens added per `window`.
    public let capacity: Int64
    public let windowMilliseconds: Int64
    /// Current level, in units (see above).
    public private(set) var level: Int64
    public private(set) var updatedAt: Timestamp

    /// A full bucket.
    public init(capacity: Int, window: Duration, now: Timestamp) {
        self.init(capacity: capacity, window: window, level: Int64(capacity) * window.milliseconds, updatedAt: now)
    }

    /// A bucket restored from storage (the level is clamped to the current capacity).
    public init(capacity: Int, window: Duration, level: Int64, updatedAt: Timestamp) {
        self.capacity = Int64(max(capacity, 0))
        windowMilliseconds = max(window.milliseconds, 1)
        self.level = min(max(level, 0), Int64(max(capacity, 0)) * max(window.milliseconds, 1))
        self.updatedAt = updatedAt
    }

    private var full: Int64 { capacity * windowMilliseconds }

    /// Adds what has accrued since the last update.
    public mutating func refill(at now: Timestamp) {
        let elapsed = now.milliseconds - updatedAt.milliseconds
        guard elapsed > 0 else { return }
        let (added, overflow) = elapsed.multipliedReportingOverflow(by: capacity)
        level = overflow ? full : min(full, level + added)
        updatedAt = now
    }

    /// Whole tokens available.
    public var remaining: Int { Int(level / windowMilliseconds) }

    public func canTake(_ tokens: Int) -> Bool { level >= Int64(tokens) * windowMilliseconds }

    /// Removes `tokens`; callers check ``canTake(_:)`` first.
    public mutating func take(_ tokens: Int) {
        level -= Int64(tokens) * windowMilliseconds
    }

    /// Puts `tokens` back (a replica's unused lease), never above full.
    public mutating func giveBack(_ tokens: Int) {
        level = min(full, level + Int64(max(tokens, 0)) * windowMilliseconds)
    }

    /// Milliseconds until `tokens` are available (0 when they are now).
    public func millisecondsUntil(_ tokens: Int) -> Int64 {
        let units = Int64(tokens) * windowMilliseconds - level
        guard units > 0 else { return 0 }
        guard capacity > 0 else { return windowMilliseconds }
        return (units + capacity - 1) / capacity
    }

    /// Whole seconds until `tokens` are available (0 when they are now).
    public func secondsUntil(_ tokens: Int) -> Int {
        secondsToAccrue(Int64(tokens) * windowMilliseconds - level)
    }

    /// Whole seconds until the bucket is full again.
    public var secondsUntilFull: Int { secondsToAccrue(full - level) }

    private func secondsToAccrue(_ units: Int64) -> Int {
        guard units > 0 else { return 0 }
        guard capacity > 0 else { return Int(windowMilliseconds / 1000) }
        let milliseconds = (units + capacity - 1) / capacity
        return Int((milliseconds + 999) / 1000)
    }
}
