/// Read connections, each owned by a thread of its own, taking reads from one queue: a read runs on the first free
/// connection, and every connection serves one read at a time. Each read is a transaction on a consistent snapshot
/// (SQLite in WAL mode, PostgreSQL's repeatable read): readers never wait for the writer, nor it for them.
final class ReaderPool<Connection: EngineConnection>: Sendable {
    private let queue = WorkQueue<any QueuedRead<Connection>>()
    private let threads = StorageThreads()

    /// Opens `count` connections with `open` and starts a thread for each (named `name-0`, `name-1`…), which owns
    /// it from then on and lets it go after `idle` without a read, when given.
    init(name: String, count: Int, idle: Duration? = nil, open: (Int) throws -> sending Connection) rethrows {
        for index in 0..<count {
            let handoff = ThreadHandoff(try open(index))
            let queue = self.queue
            threads.start("\(name)-\(index)") {
                let connection = handoff.value
                while true {
                    if let read = queue.pop(idle: idle) {
                        read.run(on: connection)
                    } else if queue.isClosed {
                        return
                    } else {
                        connection.disconnect()
                    }
                }
            }
        }
    }

    /// The threads finish what is queued, close their connections and end.
    deinit { queue.close() }

    /// Refuses new reads, lets the threads finish what is queued, and returns once they closed their connections
    /// and ended.
    func close() async {
        queue.close()
        await threads.waitUntilEnded()
    }

    /// Runs `body` on the next free connection, outside any transaction.
    func run<T: Sendable>(_ body: sending @escaping (Connection) throws -> T) async throws -> T {
        // `body` was sent to us; the checker cannot follow it into the continuation's closure, the handoff can.
        let handoff = ThreadHandoff(body)
        return try await withUnsafeThrowingContinuation { continuation in
            if !queue.push(ReadRequest(handoff.value, continuation: continuation)) {
                continuation.resume(throwing: StorageError(.closed, "the database is closed"))
            }
        }
    }

    /// Runs `body` in a read transaction on the next free connection.
    func read<T: Sendable>(clock: any WallClock, _ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        try await run { connection in
            try connection.begin(connection.beginRead)
            defer { try? connection.execute("COMMIT", []) }
            return try body(Transaction(session: connection, now: clock.now(), isWrite: false))
        }
    }
}
