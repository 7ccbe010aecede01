/// The one writer of an engine: a queue of write bodies and the thread that group-commits them
/// (``GroupCommitter``), which owns the read-write connection.
final class GroupCommitWriter: Sendable {
    private let queue = WorkQueue<any QueuedWrite>()
    let shared = WriterShared()
    private let thread = StorageThreads()

    /// Starts the writer thread, named `name`; it owns `connection` from now on, and lets it go after `idle` without
    /// a write, when given.
    init<Connection: EngineConnection>(
        name: String, connection: sending Connection, clock: any WallClock, maximumGroup: Int = .max, idle: Duration? = nil
    ) {
        let handoff = ThreadHandoff(connection)
        let (queue, shared) = (self.queue, self.shared)
        thread.start(name, priority: .background) {
            GroupCommitter(connection: handoff.value, clock: clock, shared: shared, maximumGroup: maximumGroup, idle: idle).run(queue)
        }
    }

    /// The thread finishes what is queued, closes the connection and ends.
    deinit { queue.close() }

    /// Refuses new writes, commits what is queued, and returns once the thread closed the connection and ended.
    func close() async {
        queue.close()
        await thread.waitUntilEnded()
    }

    /// Writes queued and not yet taken into a group.
    var queued: Int { queue.count }

    /// Queues `body` for the next group and returns its result once the group's commit is durable.
    func write<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        // `body` was sent to us; the checker cannot follow it into the continuation's closure, the handoff can.
        let handoff = ThreadHandoff(body)
        return try await withUnsafeThrowingContinuation { continuation in
            enqueue(WriteRequest(handoff.value, continuation: continuation)) { continuation.resume(throwing: $0) }
        }
    }

    /// Queues `body` for the next group and returns its result as soon as it has run, with the group's commit.
    func writeAheadOfCommit<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> (T, PendingCommit) {
        let handoff = ThreadHandoff(body)
        return try await withUnsafeThrowingContinuation { continuation in
            enqueue(EarlyWriteRequest(handoff.value, continuation: continuation)) { continuation.resume(throwing: $0) }
        }
    }

    private func enqueue(_ request: sending any QueuedWrite, orFail fail: (any Error) -> Void) {
        if !queue.push(request) { fail(StorageError(.closed, "the database is closed")) }
    }
}
