import Kernel

/// A count of what was used in the current IST calendar window (the IST day, the IST hour), back to zero when the
/// next window starts: an exact count that idle time does not refill, unlike a ``TokenBucket``.
///
/// Windows start at midnight IST plus whole multiples of `length`, so a day runs 00:00–24:00 IST and an hour
/// starts at half past a UTC hour. A clock that steps backwards neither rewinds nor resets the window.
public struct WindowCounter: Sendable, Equatable {
    public let capacity: Int
    public let length: Duration
    /// Where the current window started.
    public private(set) var start: Timestamp
    public private(set) var used: Int

    /// A fresh count in the window holding `now`.
    public init(capacity: Int, length: Duration, now: Timestamp) {
        self.init(capacity: capacity, length: length, used: 0, start: Self.start(containing: now, length: length))
    }

    /// A count restored from storage.
    public init(capacity: Int, length: Duration, used: Int, start: Timestamp) {
        self.capacity = max(capacity, 0)
        self.length = max(length, .milliseconds(1))
        self.used = max(used, 0)
        self.start = start
    }

    public var end: Timestamp { start + length }

    /// What is left; never negative (a lowered capacity may leave `used` above it).
    public var remaining: Int { max(0, capacity - used) }

    /// Moves to the window holding `now` when that one started later.
    public mutating func refresh(at now: Timestamp) {
        let current = Self.start(containing: now, length: length)
        if current > start { (start, used) = (current, 0) }
    }

    public func canTake(_ count: Int) -> Bool { used + count <= capacity }

    /// Adds `count`; callers check ``canTake(_:)`` first.
    public mutating func take(_ count: Int) { used += count }

    /// Gives back `count` taken in the window that started at `windowStart`; nothing once that window is over.
    public mutating func giveBack(_ count: Int, takenIn windowStart: Timestamp) {
        guard windowStart == start else { return }
        used = max(0, used - count)
    }

    /// The same count under another capacity: what was used stays used.
    public func resized(to capacity: Int) -> WindowCounter {
        WindowCounter(capacity: capacity, length: length, used: used, start: start)
    }

    /// Whole seconds from `now` until the next window starts, rounded up.
    public func secondsUntilReset(at now: Timestamp) -> Int {
        Int(max(0, (end.milliseconds - now.milliseconds + 999) / 1000))
    }

    /// The start of the IST-aligned window of `length` holding `t`.
    static func start(containing t: Timestamp, length: Duration) -> Timestamp {
        let size = max(length.milliseconds, 1)
        return Timestamp(milliseconds: (t.milliseconds + IST.offsetMilliseconds).floorDivided(by: size) * size - IST.offsetMilliseconds)
    }
}
