import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Structured logging as JSON lines: `{"level":"info","time":"…","message":"…", …metadata}`.
///
/// Never pass secrets (keys, tokens, passwords) as metadata: log lines leave the process.
public struct Logger: Sendable {
    /// Severity, lowest first.
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var description: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    /// Where lines go.
    public let sink: @Sendable (String) -> Void
    public let minimum: Level
    /// Fields every line of this logger carries, e.g. a request's `request_id`; a line's own fields win.
    public let metadata: [String: String]
    private let clock: any WallClock

    public init(
        minimum: Level = .info, clock: any WallClock = SystemClock(), metadata: [String: String] = [:],
        sink: @escaping @Sendable (String) -> Void = Logger.standardError
    ) {
        self.minimum = minimum
        self.clock = clock
        self.metadata = metadata
        self.sink = sink
    }

    /// The same logger, its lines carrying `metadata` too (a request's logger: `logger.with(["request_id": id])`).
    public func with(_ metadata: [String: String]) -> Logger {
        Logger(minimum: minimum, clock: clock, metadata: self.metadata.isEmpty ? metadata : self.metadata.merging(metadata) { _, new in new },
               sink: sink)
    }

    /// A logger that drops everything (tests that do not look at logs).
    public static let discard = Logger(sink: { _ in })

    /// Writes the line to stderr in one `write(2)`, so concurrent lines never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    public func log(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        guard level >= minimum else { return }
        var fields = self.metadata.isEmpty ? metadata : self.metadata.merging(metadata) { _, line in line }
        fields["level"] = level.description
        fields["time"] = clock.now().rfc3339
        fields["message"] = message
        sink(Self.line(fields))
    }

    /// `{"key":"value",…}` with sorted keys, written by hand: `JSONSerialization` costs over 100 µs a line on Linux.
    static func line(_ fields: [String: String]) -> String {
        JSONText.object(fields.keys.sorted().map { ($0, fields[$0]!) })
    }

    public func debug(_ message: String, _ metadata: [String: String] = [:]) { log(.debug, message, metadata) }
    public func info(_ message: String, _ metadata: [String: String] = [:]) { log(.info, message, metadata) }
    public func warning(_ message: String, _ metadata: [String: String] = [:]) { log(.warning, message, metadata) }
    public func error(_ message: String, _ metadata: [String: String] = [:]) { log(.error, message, metadata) }
}
