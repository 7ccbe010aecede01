import Foundation
import Kernel
import Synchronization

/// A logger whose lines the test can read back, parsed.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger { Logger(minimum: .debug, sink: { line in self.lines.withLock { $0.append(line) } }) }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// Every line as its string fields.
    var entries: [[String: String]] {
        lines.withLock { $0 }.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
    }

    func entries(message: String) -> [[String: String]] { entries.filter { $0["message"] == message } }
}
