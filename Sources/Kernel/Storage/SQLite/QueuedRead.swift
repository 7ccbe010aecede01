/// Work waiting for a reader thread: it runs on whichever reader connection takes it, then resumes its caller.
protocol QueuedRead: AnyObject {
    func run(on connection: SQLiteConnection)
}

/// A ``QueuedRead`` whose body returns a `T`.
final class ReadRequest<T: Sendable>: QueuedRead {
    private let body: (SQLiteConnection) throws -> T
    private let continuation: UnsafeContinuation<T, any Error>

    init(_ body: @escaping (SQLiteConnection) throws -> T, continuation: UnsafeContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on connection: SQLiteConnection) {
        continuation.resume(with: Result { try body(connection) })
    }
}
