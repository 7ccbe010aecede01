import Glibc
import HTTPCore

/// The body of one client I/O thread: waits on its epoll, drives its connections, keeps the pool of each origin it
/// serves, runs the deadlines, and picks up the jobs callers post (requests, cancellations, resolved names).
/// Everything here is confined to that thread.
final class ClientWorker {
    let loop: EventLoop<ClientJob>
    let context: ClientContext
    private var connections: [UInt64: ClientConnection] = [:]
    private var pools: [Origin: ConnectionPool] = [:]
    /// Exchanges waiting in a pool for a connection.
    private var waiting: [UInt64: Exchange] = [:]
    /// Exchanges on a connection: exchange id → connection token (to find it when the caller cancels).
    private var sending: [UInt64: UInt64] = [:]
    /// Origins whose pool may be able to progress.
    private var ready: Set<Origin> = []
    private var nextToken = EventLoop<ClientJob>.firstFreeToken
    /// The earliest moment some deadline may pass; nothing is scanned before it.
    private var nextTimerCheck = UInt64.max
    private var tls: TLSContext?
    private var stopping = false

    init(loop: EventLoop<ClientJob>, context: ClientContext) {
        self.loop = loop
        self.context = context
    }

    func run() {
        Self.blockBrokenPipeSignal()
        let events = Epoll.EventBuffer(capacity: 256)
        var jobs: [ClientJob] = []
        while !stopping {
            let (count, now) = loop.wait(into: events, until: nextTimerCheck, jobs: &jobs)
            for job in jobs { handle(job, now: now) }
            jobs.removeAll(keepingCapacity: true)
            for index in 0..<count {
                let token = events.token(at: index)
                if token == EventLoop<ClientJob>.wakeToken {
                    loop.consumeWakeUp()
                } else if let connection = connections[token] {
                    connection.handle(events.events(at: index), now: now)
                    settle(connection, now: now)
                }
            }
            if now >= nextTimerCheck { runTimers(now: now) }
            scheduleReadyPools(now: now)
        }
        for case .submit(let exchange) in loop.close() { exchange.finish(.failure(Self.shutDown)) }
    }

    /// The TLS context of this thread, made on first use.
    func tlsContext() throws(HTTPClientError) -> TLSContext {
        if let tls { return tls }
        let made = try TLSContext(trustedCertificates: context.trustedCertificates)
        tls = made
        return made
    }

    private static let shutDown = HTTPClientError(.shutDown, "the HTTP client was shut down")

    private func handle(_ job: ClientJob, now: UInt64) {
        switch job {
        case .submit(let exchange):
            guard !exchange.isFinished else { return }
            guard !stopping else { exchange.finish(.failure(Self.shutDown)); return }
            let origin = exchange.target.origin
            waiting[exchange.id] = exchange
            pools[origin, default: ConnectionPool(maxConnections: context.maxConnectionsPerOrigin)].enqueue(exchange.id)
            nextTimerCheck = min(nextTimerCheck, exchange.deadline)
            ready.insert(origin)
        case .cancel(let id):
            if let exchange = waiting.removeValue(forKey: id) {
                pools[exchange.target.origin]?.remove(exchange: id)
                ready.insert(exchange.target.origin)
            } else if let token = sending[id], let connection = connections[token] {
                connection.abort(HTTPClientError(.cancelled, "the request was cancelled"))
                settle(connection, now: now)
            }
        case .resolved(let token, let resolution):
            guard let connection = connections[token] else { return }
            connection.resolved(resolution, now: now)
            settle(connection, now: now)
        case .shutdown:
            stopping = true
            for exchange in waiting.values { exchange.finish(.failure(Self.shutDown)) }
            waiting = [:]
            for connection in Array(connections.values) {
                connection.abort(Self.shutDown)
                settle(connection, now: now)
            }
        }
    }

    /// Lets every pool that may progress hand idle connections to waiting exchanges and open what they need.
    private func scheduleReadyPools(now: UInt64) {
        while let origin = ready.popFirst() {
            while !stopping, let decision = pools[origin]?.next() {
                switch decision {
                case .assign(let id, let token):
                    // The pool names only waiting exchanges and open connections: both are known here.
                    let (exchange, connection) = (waiting.removeValue(forKey: id)!, connections[token]!)
                    sending[id] = token
                    connection.assign(exchange, now: now)
                    settle(connection, now: now)
                case .open:
                    open(origin, now: now)
                }
            }
            if pools[origin]?.isUnused == true { pools[origin] = nil }
        }
    }

    /// Opens a connection to `origin`, resolving its name first (once, for this connection only).
    private func open(_ origin: Origin, now: UInt64) {
        let token = nextToken
        nextToken += 1
        // It may serve any exchange waiting for the origin: it may take as long as the most patient one.
        let openDeadline = waiting.values.lazy.filter { $0.target.origin == origin }.map(\.deadline).max() ?? now
        let connection = ClientConnection(token: token, origin: origin, openDeadline: openDeadline, worker: self)
        connections[token] = connection
        pools[origin]?.opened(token)
        if let literal = origin.literalAddress {
            connection.resolved(Resolution(vetting: [literal], with: context.addressPolicy), now: now)
            settle(connection, now: now)
            return
        }
        nextTimerCheck = min(nextTimerCheck, openDeadline)
        let (resolver, policy, loop) = (context.resolver, context.addressPolicy, loop)
        Task {
            let addresses = await resolver.addresses(of: origin.host)
            loop.post(.resolved(connection: token, Resolution(vetting: addresses, with: policy)))
        }
    }

    /// Acts on what a connection reported after it did something.
    private func settle(_ connection: ClientConnection, now: UInt64) {
        let origin = connection.origin
        for report in connection.takeReports() {
            switch report {
            case .ready:
                pools[origin]?.becameIdle(connection.token)
                ready.insert(origin)
            case .finished(let exchange, let outcome):
                sending[exchange.id] = nil
                exchange.finish(outcome)
            case .retry(let exchange, let error):
                sending[exchange.id] = nil
                if !stopping, exchange.deadline > now, !exchange.isFinished, exchange.markRetried() {
                    waiting[exchange.id] = exchange
                    pools[origin]?.enqueue(exchange.id, first: true)
                } else {
                    exchange.finish(.failure(error))
                }
            case .openFailed(let error):
                if let id = pools[origin]?.takeOldestWaiting(), let exchange = waiting.removeValue(forKey: id) {
                    exchange.finish(.failure(error))
                }
            case .closed:
                connections[connection.token] = nil
                pools[origin]?.closed(connection.token)
                ready.insert(origin)
            }
        }
        if !connection.isClosed { nextTimerCheck = min(nextTimerCheck, connection.deadline) }
    }

    private func runTimers(now: UInt64) {
        nextTimerCheck = .max
        for connection in Array(connections.values) {
            connection.timerFired(now: now)
            settle(connection, now: now)
        }
        for (id, exchange) in waiting {
            guard exchange.deadline <= now else {
                nextTimerCheck = min(nextTimerCheck, exchange.deadline)
                continue
            }
            let origin = exchange.target.origin
            waiting[id] = nil
            pools[origin]?.remove(exchange: id)
            ready.insert(origin)
            let milliseconds = Int((exchange.timeout / .milliseconds(1)).rounded())
            exchange.finish(.failure(HTTPClientError(.timeout, "no connection to \(origin) within \(milliseconds) ms")))
        }
    }

    /// OpenSSL writes to its sockets with `write`, which raises SIGPIPE on a connection the peer reset (and
    /// SIGPIPE ends the process). Blocked on this thread, it stays pending and the write fails with EPIPE instead.
    private static func blockBrokenPipeSignal() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }
}
