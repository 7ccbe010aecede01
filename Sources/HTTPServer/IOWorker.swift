import Glibc
import HTTPCore

/// The body of one I/O thread: waits on its epoll, accepts connections, drives its connections' I/O, runs
/// their timers, and picks up the jobs other threads post to its loop. Everything here is confined to that thread.
final class IOWorker {
    let loop: EventLoop
    let context: ServerContext
    var dateCache = HTTPDateCache()
    /// Where input that is read only to be thrown away goes (lingering closes, refused connections).
    let discardBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)
    private var connections: [UInt64: Connection] = [:]
    private var nextToken = EventLoop.wakeToken + 1
    /// The earliest moment some timer may fire; nothing is scanned before it.
    private var nextTimerCheck = UInt64.max
    private var listening = false
    private var acceptResumesAt: UInt64?
    private var drainDeadline: UInt64?

    /// Accepts per wake-up, so one thread does not monopolise a burst of connections.
    private static let acceptBatch = 64
    /// After running out of file descriptors, how long accepting pauses (nanoseconds).
    private static let acceptPause: UInt64 = 100_000_000

    init(loop: EventLoop, context: ServerContext) {
        self.loop = loop
        self.context = context
    }

    deinit { discardBuffer.deallocate() }

    func run() {
        let events = Epoll.EventBuffer(capacity: 256)
        var jobs: [ServerJob] = []
        startListening()
        while drainDeadline == nil || !connections.isEmpty {
            let (count, now) = loop.wait(into: events, until: nextTimerCheck, jobs: &jobs)
            for job in jobs { handle(job, now: now) }
            jobs.removeAll(keepingCapacity: true)
            for index in 0..<count {
                switch events.token(at: index) {
                case EventLoop.listenerToken: acceptConnections(now: now)
                case EventLoop.wakeToken: loop.consumeWakeUp()
                case let token:
                    guard let connection = connections[token] else { continue }
                    connection.handle(events.events(at: index), now: now)
                    settle(connection)
                }
            }
            if now >= nextTimerCheck { runTimers(now: now) }
        }
        for case .adopt(let fd, let peer) in loop.close() { closeUnadopted(fd, peer: peer) }
        context.workerExited()
    }

    private func handle(_ job: ServerJob, now: UInt64) {
        switch job {
        case .response(let token, let sequence, let response):
            guard let connection = connections[token] else { return }
            connection.responseArrived(sequence: sequence, response: response, now: now)
            settle(connection)
        case .adopt(let fd, let peer):
            adopt(fd, peer: peer, now: now)
        case .shutdown(let deadline):
            drainDeadline = deadline
            stopListening()
            acceptResumesAt = nil
            for connection in Array(connections.values) {
                connection.shutdownRequested(now: now)
                settle(connection)
            }
            nextTimerCheck = min(nextTimerCheck, deadline)
        }
    }

    /// After a connection did something: forget it if it closed (it left the ledger as it closed), else make sure
    /// its deadline will be checked.
    private func settle(_ connection: Connection) {
        if connection.isClosed {
            connections[connection.token] = nil
        } else {
            nextTimerCheck = min(nextTimerCheck, connection.deadline)
        }
    }

    private func runTimers(now: UInt64) {
        if let resume = acceptResumesAt, now >= resume {
            acceptResumesAt = nil
            startListening()
        }
        let drainExpired = drainDeadline.map { now >= $0 } ?? false
        nextTimerCheck = min(acceptResumesAt ?? .max, drainDeadline ?? .max)
        for connection in Array(connections.values) {
            if drainExpired { connection.abort() } else { connection.timerFired(now: now) }
            settle(connection)
        }
    }

    // MARK: Accepting

    private func startListening() {
        guard drainDeadline == nil, !listening else { return }
        // Level-triggered and exclusive: one waiting thread wakes per new connection, and wakes again while more wait.
        do throws(SystemCallError) {
            try loop.epoll.add(context.listener, events: [.readable, .exclusive], token: EventLoop.listenerToken)
            listening = true
        } catch {
            context.emit(.acceptFailed(errno: error.code))
        }
    }

    private func stopListening() {
        guard listening else { return }
        loop.epoll.remove(context.listener)
        listening = false
    }

    private func acceptConnections(now: UInt64) {
        for _ in 0..<Self.acceptBatch {
            switch Socket.accept(context.listener) {
            case .accepted(let fd, let peer):
                route(fd, peer: peer, now: now)
            case .wouldBlock:
                return
            case .failed(let code):
                context.emit(.acceptFailed(errno: code))
                // Out of descriptors or memory: the pending connection stays pending, so stop being woken for it.
                stopListening()
                acceptResumesAt = now + Self.acceptPause
                nextTimerCheck = min(nextTimerCheck, now + Self.acceptPause)
                return
            }
        }
    }

    /// Hands a new connection to the next loop in turn, or refuses it when the ledger says so.
    private func route(_ fd: Int32, peer: PeerAddress, now: UInt64) {
        if case .refuse(let reason) = context.admitConnection(from: peer.key) {
            refuse(fd, peer: peer, reason: reason)
            return
        }
        let target = context.loopForNewConnection()
        if target === loop {
            adopt(fd, peer: peer, now: now)
        } else if !target.post(.adopt(fd: fd, peer: peer)) {
            closeUnadopted(fd, peer: peer)
        }
    }

    private func adopt(_ fd: Int32, peer: PeerAddress, now: UInt64) {
        let token = nextToken
        let events: Epoll.Events = [.readable, .writable, .readHangUp, .edgeTriggered]
        guard drainDeadline == nil, (try? loop.epoll.add(fd, events: events, token: token)) != nil else {
            closeUnadopted(fd, peer: peer)
            return
        }
        nextToken += 1
        Socket.disableNagle(fd)
        let connection = Connection(fd: fd, token: token, peer: peer, worker: self, now: now)
        connections[token] = connection
        settle(connection)
    }

    private func closeUnadopted(_ fd: Int32, peer: PeerAddress) {
        context.connectionClosed(from: peer.key)
        Socket.close(fd)
    }

    /// Answers with the refusal's fixed 503 and closes: a fast refusal costs the server next to nothing and does
    /// not starve the connections already open. Nothing is parsed; whatever the client already sent is read away
    /// first, so that the close is a FIN and does not reset the answer away (for a client that sent nothing, that
    /// read is one `EAGAIN`).
    private func refuse(_ fd: Int32, peer: PeerAddress, reason: ConnectionRefusal) {
        context.emit(.connectionRefused(remoteAddress: peer.description, reason: reason))
        _ = Socket.read(fd, into: discardBuffer)
        _ = context.refusalResponses[reason].withUnsafeBytes { Socket.send(fd, $0, UnsafeRawBufferPointer(start: nil, count: 0)) }
        Socket.close(fd)
    }
}
