import HTTPCore
import Synchronization

/// What the I/O threads of one running server share: configuration, handler, the listening socket, the loops,
/// the connection ledger and the refusal responses. Everything is immutable, atomic or behind a mutex.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    let listener: Int32
    let loops: [EventLoop]
    let limits: HTTPParser.Limits
    let timeouts: ConnectionStateMachine.Timeouts
    let refusalResponses: RefusalResponses
    /// One for all I/O threads: a connection is admitted by the thread that accepts it and released by the one
    /// that serves it. Held for one dictionary update per connection opened or closed.
    private let ledger: Mutex<ConnectionLedger>
    private let nextLoop = Atomic<Int>(0)
    private let exits: Mutex<(running: Int, waiters: [CheckedContinuation<Void, Never>])>

    init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, listener: Int32, loops: [EventLoop]) {
        self.configuration = configuration
        self.handler = handler
        self.listener = listener
        self.loops = loops
        limits = HTTPParser.Limits(
            maxBodyBytes: configuration.maxBodyBytes, maxHeaderBytes: configuration.maxHeaderBytes,
            maxURIBytes: configuration.maxURIBytes
        )
        timeouts = ConnectionStateMachine.Timeouts(
            firstByte: configuration.firstByteTimeout.nanoseconds, idle: configuration.idleTimeout.nanoseconds,
            header: configuration.headerTimeout.nanoseconds, body: configuration.bodyTimeout.nanoseconds,
            handler: configuration.handlerTimeout.nanoseconds, linger: configuration.lingerTimeout.nanoseconds
        )
        refusalResponses = RefusalResponses(configuration)
        ledger = Mutex(ConnectionLedger(
            maxConnections: configuration.maxConnections, maxPerAddress: configuration.maxConnectionsPerAddress))
        exits = Mutex((running: loops.count, waiters: []))
    }

    /// Counts a new connection from `key` in, or says why it may not open (and counts nothing).
    func admitConnection(from key: AddressKey) -> ConnectionLedger.Decision {
        ledger.withLock { $0.admit(key) }
    }

    /// Counts out a connection that `admitConnection` let in. Called before its socket closes, so that a client
    /// that sees the close may connect again at once.
    func connectionClosed(from key: AddressKey) {
        ledger.withLock { $0.release(key) }
    }

    /// Connections open now, including those being drained.
    var openConnections: Int { ledger.withLock { $0.total } }

    /// Round-robin over the loops, so connections spread evenly whichever thread accepted them.
    func loopForNewConnection() -> EventLoop {
        loops[nextLoop.add(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// Hands `event` to `onEvent`; without a listener the event is not even built.
    func emit(_ event: @autoclosure () -> HTTPServerEvent) {
        if let onEvent = configuration.onEvent { onEvent(event()) }
    }

    /// Called by each I/O thread as it ends; the last one closes the listening socket and wakes the waiters.
    func workerExited() {
        let (last, waiters) = exits.withLock { exits -> (Bool, [CheckedContinuation<Void, Never>]) in
            exits.running -= 1
            guard exits.running == 0 else { return (false, []) }
            defer { exits.waiters = [] }
            return (true, exits.waiters)
        }
        if last { Socket.close(listener) }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once every I/O thread has ended.
    func waitForWorkers() async {
        await withCheckedContinuation { continuation in
            let done = exits.withLock { exits in
                if exits.running == 0 { return true }
                exits.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
