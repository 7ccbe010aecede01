import Kernel

/// The 24-hour window a usage day bills: `[D−1 18:30 IST, D 18:30 IST)`.
///
/// India has no daylight saving, so 18:30 IST is always 13:00 UTC and every window is exactly 24 h long. The
/// day is named after the date on which its window *closes*, because that is when it is rolled up and charged.
/// Pure value arithmetic on milliseconds; no calendar or time-zone database involved.
public struct UsageWindow: Hashable, Sendable, CustomStringConvertible {
    /// The usage day the window bills.
    public let date: CivilDate

    public init(date: CivilDate) { self.date = date }

    static let dayMilliseconds: Int64 = 86_400_000
    /// 18:30 IST (UTC+05:30) as milliseconds after UTC midnight: 13:00 UTC.
    static let closingOffsetMilliseconds: Int64 = 13 * 3_600_000

    /// Inclusive start: 18:30 IST on the day before `date`.
    public var start: Timestamp { Timestamp(milliseconds: (date.daysSinceEpoch - 1) * Self.dayMilliseconds + Self.closingOffsetMilliseconds) }

    /// Exclusive end: 18:30 IST on `date`, the moment the day is rolled up.
    public var end: Timestamp { Timestamp(milliseconds: date.daysSinceEpoch * Self.dayMilliseconds + Self.closingOffsetMilliseconds) }

    /// The window that contains `time` (`start ≤ time < end`).
    public static func containing(_ time: Timestamp) -> UsageWindow {
        let sinceFirstClose = time.milliseconds - closingOffsetMilliseconds
        let q = sinceFirstClose / dayMilliseconds
        let floored = (sinceFirstClose % dayMilliseconds != 0 && sinceFirstClose < 0) ? q - 1 : q
        return UsageWindow(date: CivilDate(daysSinceEpoch: floored + 1))
    }

    /// The latest window that has closed at `time`: the day most recently due for its roll-up.
    public static func lastClosed(at time: Timestamp) -> UsageWindow {
        UsageWindow(date: containing(time).date.adding(days: -1))
    }

    /// Whether the window has closed at `time`, i.e. its day may be rolled up.
    public func isClosed(at time: Timestamp) -> Bool { end <= time }

    /// Whether a strategy live over `[from, until)` (`until` nil: still live) was live at some moment of the window.
    /// An empty interval (paused in the same millisecond it was deployed) was never live.
    public func overlaps(from: Timestamp, until: Timestamp?) -> Bool {
        let liveFrom = max(from, start)
        let liveUntil = min(until ?? end, end)
        return liveFrom < liveUntil
    }

    public var description: String { "\(date) [\(start), \(end))" }
}
