import Foundation
import Kernel
import Testing

/// Wall-clock times written the way the business talks about them: in IST.
extension IST {
    /// `"2026-11-25 10:00"` (or with seconds) in IST as a timestamp.
    public static func at(_ text: String) -> Timestamp {
        let time = text.count == 16 ? text + ":00" : text
        return RFC3339.parse(time.replacingOccurrences(of: " ", with: "T") + "+05:30")!
    }
}

extension CivilDate {
    /// A date literal for tests: `.day("2026-11-25")`.
    public static func day(_ text: String) -> CivilDate { CivilDate(text)! }
}

/// Polls `condition`, yielding in between (never sleeping), until it holds; records an issue if it has not within
/// 10 s of real time.
public func waitUntil(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool) async rethrows {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        await Task.yield()
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
}
