import Synchronization

/// One request on its way: what to send, to where, by when, and where the outcome goes. Shared by the caller's task
/// (which may cancel it) and the I/O thread (which completes it): the first outcome wins, later ones are dropped.
final class Exchange: Sendable {
    typealias Outcome = Result<HTTPClientResponse, HTTPClientError>

    let id: UInt64
    let target: RequestTarget
    /// The encoded request, head and body.
    let request: [UInt8]
    let isHeadRequest: Bool
    let maxResponseBodyBytes: Int
    let timeout: Duration
    /// Monotonic nanoseconds by which the whole exchange must be over.
    let deadline: UInt64
    private let state = Mutex(State.pending(nil))
    private let retried = Atomic(false)

    private enum State {
        case pending(CheckedContinuation<Outcome, Never>?)
        case finished(Outcome?)
    }

    init(id: UInt64, target: RequestTarget, request: [UInt8], isHeadRequest: Bool, maxResponseBodyBytes: Int,
         timeout: Duration, deadline: UInt64) {
        self.id = id
        self.target = target
        self.request = request
        self.isHeadRequest = isHeadRequest
        self.maxResponseBodyBytes = maxResponseBodyBytes
        self.timeout = timeout
        self.deadline = deadline
    }

    /// Where the outcome goes; resumed at once if the exchange already finished (cancelled before it started).
    func attach(_ continuation: CheckedContinuation<Outcome, Never>) {
        let early = state.withLock { state -> Outcome? in
            switch state {
            case .pending: state = .pending(continuation); return nil
            case .finished(let outcome): state = .finished(nil); return outcome
            }
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Finishes the exchange with `outcome` unless it already finished; returns whether this call did.
    @discardableResult
    func finish(_ outcome: Outcome) -> Bool {
        let (won, continuation) = state.withLock { state -> (Bool, CheckedContinuation<Outcome, Never>?) in
            guard case .pending(let continuation) = state else { return (false, nil) }
            state = .finished(continuation == nil ? outcome : nil)
            return (true, continuation)
        }
        continuation?.resume(returning: outcome)
        return won
    }

    /// Marks the exchange as sent again after a stale connection; false when it already was (once is enough).
    func markRetried() -> Bool {
        !retried.exchange(true, ordering: .relaxed)
    }

    var isFinished: Bool {
        state.withLock { if case .finished = $0 { true } else { false } }
    }
}

/// What the client posts to an I/O thread.
enum ClientJob: Sendable {
    case submit(Exchange)
    /// The caller cancelled: release whatever the exchange holds.
    case cancel(exchange: UInt64)
    /// A connection's name lookup finished.
    case resolved(connection: UInt64, Resolution)
    case shutdown
}
