/// A write body waiting for the writer thread, and the caller waiting for the commit that will hold it.
protocol QueuedWrite: AnyObject {
    /// Runs the body inside its savepoint; its result waits here until the group's commit settles.
    func run(_ tx: Transaction) throws
    /// The body's work is durable: the caller gets its result.
    func succeed()
    /// The body threw, or the transaction holding its work did not commit: the caller gets `error`.
    func fail(_ error: any Error)
}

/// A ``QueuedWrite`` whose body returns a `T`.
final class WriteRequest<T: Sendable>: QueuedWrite {
    private let body: (Transaction) throws -> T
    private let continuation: UnsafeContinuation<T, any Error>
    private var result: T?

    init(_ body: @escaping (Transaction) throws -> T, continuation: UnsafeContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ tx: Transaction) throws {
        result = try body(tx)
    }

    func succeed() {
        guard let result else { preconditionFailure("a write succeeded without running") }
        continuation.resume(returning: result)
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}

/// A ``QueuedWrite`` whose caller gets the body's result as soon as the body has run, and the group's commit
/// through a ``PendingCommit``.
final class EarlyWriteRequest<T: Sendable>: QueuedWrite {
    private let body: (Transaction) throws -> T
    /// Nil once the caller has been resumed.
    private var continuation: UnsafeContinuation<(T, PendingCommit), any Error>?
    private let commit = PendingCommit()

    init(_ body: @escaping (Transaction) throws -> T, continuation: UnsafeContinuation<(T, PendingCommit), any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ tx: Transaction) throws {
        let result = try body(tx)
        continuation?.resume(returning: (result, commit))
        continuation = nil
    }

    func succeed() {
        commit.settle(nil)
    }

    func fail(_ error: any Error) {
        if let continuation {
            continuation.resume(throwing: error)
            self.continuation = nil
        } else {
            commit.settle(error)
        }
    }
}
