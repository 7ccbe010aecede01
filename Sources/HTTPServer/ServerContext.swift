import HTTPCore
import Synchronization

/// What the I/O threads of one running server share: configuration, handler, the listening socket, the loops,
/// and the counters. Everything is immutable or atomic.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    let listener: Int32
    let loops: [EventLoop]
    let limits: HTTPParser.Limits
    let timeouts: ConnectionStateMachine.Timeouts
    let openConnections = Atomic<Int>(0)
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
            idle: configuration.idleTimeout.nanoseconds, header: configuration.headerTimeout.nanoseconds,
            body: configuration.bodyTimeout.nanoseconds, handler: configuration.handlerTimeout.nanoseconds,
            linger: configuration.lingerTimeout.nanoseconds
        )
        exits = Mutex((running: loops.count, waiters: []))
    }

    /// Counts a new connection in; false (and nothing counted) when `maxConnections` are already open.
    func admitConnection() -> Bool {
        if openConnections.add(1, ordering: .relaxed).newValue <= configuration.maxConnections { return true }
        openConnections.subtract(1, ordering: .relaxed)
        return false
    }

    func connectionClosed() {
        openConnections.subtract(1, ordering: .relaxed)
    }

    /// Round-robin over the loops, so connections spread evenly whichever thread accepted them.
    func loopForNewConnection() -> EventLoop {
        loops[nextLoop.add(1, ordering: .relaxed).oldValue % loops.count]
    }

    func emit(_ event: HTTPServerEvent) {
        configuration.onEvent?(event)
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
