import Synchronization

/// What the writer thread shares with the tasks: the commit observers and the counters.
final class WriterShared: Sendable {
    private let observers = Mutex<[@Sendable ([Event]) -> Void]>([])
    private let counters = Mutex(StorageStatistics())

    func addObserver(_ observer: @escaping @Sendable ([Event]) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Tells every observer about a committed group's events.
    func notify(_ events: [Event]) {
        for observer in observers.withLock({ $0 }) { observer(events) }
    }

    func count(writes: Int, failed: Int, commits: Int) {
        counters.withLock {
            $0.writes += writes
            $0.failedWrites += failed
            $0.commits += commits
        }
    }

    var statistics: StorageStatistics { counters.withLock { $0 } }
}
