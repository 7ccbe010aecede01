import Synchronization

/// The order in which the steps of a request ran, for asserting the middleware chain.
final class Trace: Sendable {
    private let steps = Mutex<[String]>([])

    func record(_ step: String) { steps.withLock { $0.append(step) } }

    var recorded: [String] { steps.withLock { $0 } }
}
