import Foundation

/// A point in time as integer milliseconds since the Unix epoch, UTC: the one time type the storage layer keeps.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }
    public init(_ date: Date) { self.milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public var seconds: Int64 { milliseconds.floorDivided(by: 1000) }
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }
    public static func + (t: Timestamp, d: Duration) -> Timestamp { Timestamp(milliseconds: t.milliseconds + d.milliseconds) }
    public static func - (t: Timestamp, d: Duration) -> Timestamp { Timestamp(milliseconds: t.milliseconds - d.milliseconds) }
    public static func - (a: Timestamp, b: Timestamp) -> Duration { .milliseconds(a.milliseconds - b.milliseconds) }

    /// RFC 3339 in UTC with millisecond precision, e.g. `2026-11-25T13:00:00.000Z`.
    public var rfc3339: String { RFC3339.format(self) }
    public var description: String { rfc3339 }

    /// Decodes an RFC 3339 string (the API's and the events' format).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 timestamp")
        }
        self = parsed
    }

    /// Encodes as an RFC 3339 string in UTC with milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}

extension Duration {
    /// Whole milliseconds, rounded towards zero.
    public var milliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }
}

extension Int64 {
    /// Division that rounds towards negative infinity (times before 1970 stay on the right second).
    public func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
