import HTTPCore

/// One client socket on its I/O thread: carries out its state machine's actions (connect, TLS, write, read),
/// feeds what the socket does back to it, and collects what the worker must hear about (the connection is ready,
/// an exchange finished, opening failed, it closed) as reports the worker takes after each call.
final class ClientConnection {
    enum Report {
        /// Open and idle: give it a waiting exchange or keep it in the pool.
        case ready
        case finished(Exchange, Exchange.Outcome)
        /// The exchange may go again on a fresh connection (this one was stale); `error` if it may not.
        case retry(Exchange, HTTPClientError)
        /// Opening failed; the error is a waiting exchange's answer.
        case openFailed(HTTPClientError)
        case closed
    }

    let token: UInt64
    private unowned let worker: ClientWorker
    private var machine: ClientConnectionStateMachine
    private var fd: Int32 = -1
    private var tls: TLSSession?
    /// What the handshake negotiated, attached to every response on this connection.
    private var tlsDetails: TLSDetails?
    private var parser: ResponseParser
    private(set) var exchange: Exchange?
    private var sent = 0
    private var response: HTTPClientResponse?
    /// Edge-triggered readiness: set by epoll, cleared when an operation has to wait for the socket.
    private var readable = false
    private var writable = false
    /// The peer sent FIN (EPOLLRDHUP): reads must go on until they return the end of the stream.
    private var peerFinished = false
    private var reports: [Report] = []

    init(token: UInt64, origin: Origin, openDeadline: UInt64, worker: ClientWorker) {
        self.token = token
        self.worker = worker
        machine = ClientConnectionStateMachine(origin: origin, openDeadline: openDeadline, idleTimeout: worker.context.idleTimeout)
        parser = ResponseParser(maxHeaderBytes: worker.context.maxResponseHeadBytes)
    }

    var origin: Origin { machine.origin }
    var isClosed: Bool { machine.phase == .closed }
    var deadline: UInt64 { machine.deadline }

    /// What happened since the last call, for the worker.
    func takeReports() -> [Report] {
        defer { reports.removeAll(keepingCapacity: true) }
        return reports
    }

    func resolved(_ resolution: Resolution, now: UInt64) {
        perform(machine.resolved(resolution), now: now)
        drive(now: now)
    }

    /// Sends `exchange` on this idle connection.
    func assign(_ exchange: Exchange, now: UInt64) {
        self.exchange = exchange
        perform(machine.assign(deadline: exchange.deadline, timeout: exchange.timeout), now: now)
        drive(now: now)
    }

    func handle(_ events: Epoll.Events, now: UInt64) {
        // An error or a hang-up: the next operation reports what exactly (data may still be there to read first).
        let failed = !events.isDisjoint(with: [.error, .hangUp])
        if failed || events.contains(.readHangUp) { peerFinished = true }
        if failed || !events.isDisjoint(with: [.readable, .readHangUp]) { readable = true }
        if failed || events.contains(.writable) { writable = true }
        drive(now: now)
    }

    func timerFired(now: UInt64) {
        perform(machine.timerFired(now: now), now: now)
    }

    /// Closes at once; an exchange on it ends with `error` (cancellation, shutdown).
    func abort(_ error: HTTPClientError) {
        guard !isClosed else { return }
        machine.abort()
        finishExchange(.failure(error))
        release()
    }

    // MARK: Actions

    private func perform(_ action: ClientConnectionStateMachine.Action, now: UInt64) {
        switch action {
        case .none, .readResponse:
            break
        case .connect(let address):
            connect(to: address, now: now)
        case .startTLS:
            startTLS(now: now)
        case .offer:
            reports.append(.ready)
        case .writeRequest:
            sent = 0
            parser.expectResponse(isHeadRequest: exchange!.isHeadRequest, maxBodyBytes: exchange!.maxResponseBodyBytes)
        case .deliver(let keepAlive):
            finishExchange(.success(response!))
            response = nil
            if keepAlive { reports.append(.ready) } else { release() }
        case .failExchange(let error, let retry):
            if retry, let exchange {
                reports.append(.retry(exchange, error))
                self.exchange = nil
            } else {
                finishExchange(.failure(error))
            }
            release()
        case .openFailed(let error):
            reports.append(.openFailed(error))
            release()
        case .close:
            release()
        }
    }

    private func connect(to address: IPAddress, now: UInt64) {
        closeSocket()
        switch Socket.connect(to: address, port: origin.port) {
        case .connected(let fd):
            guard register(fd, now: now) else { return }
            perform(machine.connected(now: now), now: now)
        case .inProgress(let fd):
            _ = register(fd, now: now)
        case .failed(let code):
            perform(machine.connectFailed(Socket.describe(errno: code)), now: now)
        }
    }

    /// Watches `fd` (edge-triggered, both directions); on failure the attempt counts as a failed connect.
    private func register(_ fd: Int32, now: UInt64) -> Bool {
        self.fd = fd
        (readable, writable, peerFinished) = (false, false, false)
        do throws(SystemCallError) {
            try worker.loop.epoll.add(fd, events: [.readable, .writable, .readHangUp, .edgeTriggered], token: token)
            return true
        } catch {
            perform(machine.connectFailed(error.description), now: now)
            return false
        }
    }

    private func startTLS(now: UInt64) {
        do throws(HTTPClientError) {
            tls = try TLSSession(context: try worker.tlsContext(), fd: fd, host: origin.host, isAddress: origin.literalAddress != nil)
        } catch {
            perform(machine.handshakeFailed(error.message), now: now)
        }
    }

    private func finishExchange(_ outcome: Exchange.Outcome) {
        guard let exchange else { return }
        reports.append(.finished(exchange, outcome))
        self.exchange = nil
    }

    private func release() {
        closeSocket()
        reports.append(.closed)
    }

    private func closeSocket() {
        tls?.shutdown()
        tls = nil
        if fd >= 0 { Socket.close(fd) }
        fd = -1
    }

    // MARK: I/O

    /// Makes all the progress possible without blocking, until the socket or the pool has to act.
    private func drive(now: UInt64) {
        while true {
            switch machine.phase {
            case .resolving, .closed:
                return
            case .connecting:
                guard writable else { return }
                let code = Socket.pendingError(fd)
                perform(code == 0 ? machine.connected(now: now) : machine.connectFailed(Socket.describe(errno: code)), now: now)
            case .handshaking:
                guard let step = tls?.handshake() else { return }
                switch step {
                case .done:
                    tlsDetails = tls?.details()
                    perform(machine.handshakeCompleted(now: now), now: now)
                case .wantRead: readable = false; return
                case .wantWrite: writable = false; return
                case .failed(let reason): perform(machine.handshakeFailed(reason), now: now)
                case .endOfFile, .transferred: perform(machine.handshakeFailed("the peer closed the connection"), now: now)
                }
            case .idle:
                // A pooled connection is only watched for the peer closing it (or sending what nobody asked for).
                guard readable else { return }
                switch receive(upTo: 1) {
                case .wantRead, .wantWrite: readable = false; return
                case .transferred: perform(machine.connectionLost("sent bytes nobody asked for"), now: now)
                case .endOfFile, .done: perform(machine.connectionLost("closed by the peer"), now: now)
                case .failed(let reason): perform(machine.connectionLost("broken (\(reason))"), now: now)
                }
            case .writing:
                guard writable else { return }
                switch send() {
                case .transferred(let count):
                    sent += count
                    if sent == exchange!.request.count { perform(machine.requestWritten(), now: now) }
                case .wantWrite: writable = false; return
                case .wantRead: readable = false; return
                case .endOfFile, .done: perform(machine.connectionLost("closed by the peer"), now: now)
                case .failed(let reason): perform(machine.connectionLost("broken (\(reason))"), now: now)
                }
            case .reading:
                if let event = parser.next() {
                    handle(event, now: now)
                    continue
                }
                guard readable else { return }
                let size = parser.preferredReadSize
                switch receive(upTo: size) {
                case .transferred(let count):
                    machine.responseBytesReceived()
                    // A plain read that did not fill the space drained the socket (a new edge comes with new data, but
                    // not for a FIN that came with this data); OpenSSL may hold more decrypted bytes: read again.
                    readable = tls != nil || count == size || peerFinished
                case .wantRead: readable = false; return
                case .wantWrite: writable = false; return
                case .endOfFile, .done:
                    guard let event = parser.inputEnded() else {
                        perform(machine.connectionLost("closed by the peer"), now: now)
                        continue
                    }
                    handle(event, now: now)
                case .failed(let reason): perform(machine.connectionLost("broken (\(reason))"), now: now)
                }
            }
        }
    }

    private func handle(_ event: ResponseParser.Event, now: UInt64) {
        switch event {
        case .response(var response, let reusable):
            response.tls = tlsDetails
            self.response = response
            perform(machine.responseReceived(keepAlive: reusable, now: now), now: now)
        case .failure(let reason):
            perform(machine.responseMalformed(reason), now: now)
        }
    }

    /// Reads at most `size` bytes into the parser's buffer.
    private func receive(upTo size: Int) -> TLSSession.Progress {
        parser.buffer.write(minimumSpace: size) { space in
            let limited = UnsafeMutableRawBufferPointer(rebasing: space.prefix(size))
            let progress: TLSSession.Progress
            if let tls {
                progress = tls.read(into: limited)
            } else {
                switch Socket.read(fd, into: limited) {
                case .transferred(let count): progress = .transferred(count)
                case .endOfFile: progress = .endOfFile
                case .wouldBlock: progress = .wantRead
                case .failed(let code): progress = .failed(Socket.describe(errno: code))
                }
            }
            guard case .transferred(let count) = progress else { return (0, progress) }
            return (count, progress)
        }
    }

    /// Sends what is left of the request.
    private func send() -> TLSSession.Progress {
        exchange!.request.withUnsafeBytes { bytes in
            let rest = UnsafeRawBufferPointer(rebasing: bytes[sent...])
            if let tls { return tls.write(rest) }
            switch Socket.send(fd, rest, UnsafeRawBufferPointer(start: nil, count: 0)) {
            case .transferred(let count): return .transferred(count)
            case .endOfFile: return .endOfFile
            case .wouldBlock: return .wantWrite
            case .failed(let code): return .failed(Socket.describe(errno: code))
            }
        }
    }
}
