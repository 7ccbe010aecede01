import Synchronization

/// The commit that will hold a write whose result was handed back before it (``Database/writeAheadOfCommit(_:)``):
/// ``durable()`` returns once that commit is durable, or throws why it failed.
public final class PendingCommit: Sendable {
    private enum State {
        case pending([CheckedContinuation<Void, any Error>])
        case settled((any Error)?)
    }

    private let state = Mutex(State.pending([]))

    init() {}

    /// Waits for the commit; throws its failure (the write's work is then gone).
    public func durable() async throws {
        try await withCheckedThrowingContinuation { continuation in
            let settled = state.withLock { state -> (any Error)?? in
                switch state {
                case .pending(let waiters):
                    state = .pending(waiters + [continuation])
                    return .none
                case .settled(let error):
                    return .some(error)
                }
            }
            if case .some(let error) = settled {
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    /// The engine settles the commit once: nil when it is durable.
    func settle(_ error: (any Error)?) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard case .pending(let waiters) = state else { return [] }
            state = .settled(error)
            return waiters
        }
        for waiter in waiters {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }
}
