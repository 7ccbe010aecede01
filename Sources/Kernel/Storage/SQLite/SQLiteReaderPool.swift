/// Read-only connections, each owned by a thread of its own, taking reads from one queue: a read runs on the first
/// free connection, and every connection serves one read at a time. In WAL mode readers never wait for the writer
/// (nor it for them): each read sees the last commit before it started.
final class SQLiteReaderPool: Sendable {
    private let queue = WorkQueue<any QueuedRead>()

    /// Opens `count` read-only connections to `path` and starts their threads.
    init(path: String, count: Int) throws {
        for index in 0..<count {
            let handoff = ThreadHandoff(try SQLiteConnection(path: path, role: .reader))
            let queue = self.queue
            StorageThread.start("sqlite-reader-\(index)") {
                let connection = handoff.value
                while let read = queue.pop() { read.run(on: connection) }
            }
        }
    }

    /// The threads finish what is queued, close their connections and end.
    deinit { queue.close() }

    /// Runs `body` on the next free reader connection.
    func run<T: Sendable>(_ body: sending @escaping (SQLiteConnection) throws -> T) async throws -> T {
        // `body` was sent to us; the checker cannot follow it into the continuation's closure, the handoff can.
        let handoff = ThreadHandoff(body)
        return try await withUnsafeThrowingContinuation { continuation in
            if !queue.push(ReadRequest(handoff.value, continuation: continuation)) {
                continuation.resume(throwing: StorageError(.engine, "the database is closed"))
            }
        }
    }
}
