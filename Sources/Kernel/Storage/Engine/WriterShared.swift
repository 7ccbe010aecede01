import Synchronization

/// What the writer thread shares with the tasks: the commit observers, the handlers of messages broadcast in this
/// process, and the counters.
final class WriterShared: Sendable {
    private let observers = Mutex<[@Sendable ([Event]) -> Void]>([])
    /// Where an engine that delivers broadcasts in-process (SQLite) registers their handlers.
    let localBroadcasts = NotificationHub()
    private let counters = Mutex(StorageStatistics())

    func addObserver(_ observer: @escaping @Sendable ([Event]) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Tells every observer about a committed group's events.
    func notify(_ events: [Event]) {
        for observer in observers.withLock({ $0 }) { observer(events) }
    }

    /// Hands a committed group's broadcast messages to this process's handlers (none on an engine that sends them
    /// through the database instead).
    func broadcastLocally(_ messages: [BroadcastMessage]) {
        localBroadcasts.deliver(messages)
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
