/// Work waiting for a reader thread: it runs on whichever reader connection takes it, then resumes its caller.
protocol QueuedRead<Connection>: AnyObject {
    associatedtype Connection
    func run(on connection: Connection)
}

/// A ``QueuedRead`` whose body returns a `T`.
final class ReadRequest<Connection, T: Sendable>: QueuedRead {
    private let body: (Connection) throws -> T
    private let continuation: UnsafeContinuation<T, any Error>

    init(_ body: @escaping (Connection) throws -> T, continuation: UnsafeContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on connection: Connection) {
        continuation.resume(with: Result { try body(connection) })
    }
}
