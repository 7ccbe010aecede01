import Foundation
import Kernel
import Synchronization

/// A logger whose lines the test can read back, parsed.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    public var logger: Logger { Logger(minimum: .debug, sink: { line in self.lines.withLock { $0.append(line) } }) }

    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// Every line as its string fields.
    public var entries: [[String: String]] {
        lines.withLock { $0 }.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
    }

    public func entries(message: String) -> [[String: String]] { entries.filter { $0["message"] == message } }
}
