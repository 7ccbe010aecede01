import HTTPCore

/// One accepted socket on its I/O thread: reads into the parser, feeds parser events to the state machine,
/// carries out the machine's actions, and crosses into Swift concurrency once per request to run the handler.
final class Connection {
    let fd: Int32
    let token: UInt64
    let remoteAddress: String
    /// What the connection limits count this connection against.
    let addressKey: AddressKey
    private unowned let worker: IOWorker
    private var parser: HTTPParser
    private var machine: ConnectionStateMachine
    private var output = OutboundQueue()
    /// Edge-triggered readiness: set by epoll, cleared when a read or a send shows the socket drained or full.
    private var readable = false
    private var writable = true
    /// The peer sent FIN (EPOLLRDHUP): reads must go on until they return the end of the stream.
    private var peerFinished = false
    private var handlerTask: Task<Void, Never>?
    /// What is being handled, for the handler-timeout event.
    private var inFlight: (method: HTTPMethod, target: String)?
    /// Reads per wake-up while lingering, so a client that keeps sending cannot hold the thread.
    private static let maxDiscardReads = 16

    init(fd: Int32, token: UInt64, peer: PeerAddress, worker: IOWorker, now: UInt64) {
        self.fd = fd
        self.token = token
        remoteAddress = peer.description
        addressKey = peer.key
        self.worker = worker
        parser = HTTPParser(limits: worker.context.limits)
        machine = ConnectionStateMachine(timeouts: worker.context.timeouts, now: now)
    }

    var isClosed: Bool { machine.phase == .closed }
    var deadline: UInt64 { machine.deadline }

    func handle(_ events: Epoll.Events, now: UInt64) {
        // A reset or a socket error (or, while lingering, the peer's FIN after ours): nothing can be delivered any
        // more, so close now and cancel the handler rather than let it finish for nobody.
        if !events.isDisjoint(with: [.error, .hangUp]) {
            abort()
            return
        }
        if events.contains(.readHangUp) { peerFinished = true }
        if !events.isDisjoint(with: [.readable, .readHangUp]) { readable = true }
        if events.contains(.writable) { writable = true }
        drive(now: now)
    }

    func responseArrived(sequence: UInt64, response: HTTPResponse, now: UInt64) {
        let closeRequested = response.headers.contains { field in
            field.name.caseInsensitiveEquals("connection") && field.value.listElements.contains { $0.caseInsensitiveEquals("close") }
        }
        guard let context = machine.responseReady(sequence: sequence, closeRequested: closeRequested, now: now) else { return }
        handlerTask = nil
        inFlight = nil
        write(response, context)
        drive(now: now)
    }

    func timerFired(now: UInt64) {
        perform(machine.timerFired(now: now), now: now)
        drive(now: now)
    }

    func shutdownRequested(now: UInt64) {
        perform(machine.shutdownRequested(), now: now)
    }

    /// Closes at once (I/O failure, or the drain deadline of a shutdown passed).
    func abort() {
        guard !isClosed else { return }
        machine.abort()
        release()
    }

    /// Makes all the progress possible without blocking: flush output, then parse, then read, until one of them
    /// has to wait for the socket or the handler.
    private func drive(now: UInt64) {
        while !isClosed {
            if !output.isEmpty {
                guard writable else { return }
                switch output.flush(to: fd) {
                case .flushed: break
                case .wouldBlock: writable = false; return
                case .failed: abort(); return
                }
                if machine.phase == .writing {
                    perform(machine.writeCompleted(hasBufferedInput: !parser.buffer.isEmpty, now: now), now: now)
                }
            } else if machine.phase == .lingering {
                discardInput()
                return
            } else if !machine.wantsInput {
                return
            } else if let event = parser.next() {
                handle(event, now: now)
            } else if readable {
                receive(now: now)
            } else {
                return
            }
        }
    }

    private func handle(_ event: HTTPParser.Event, now: UInt64) {
        switch event {
        case .head(let head):
            perform(machine.headReceived(head, now: now), now: now)
        case .request(var request):
            request.remoteAddress = remoteAddress
            dispatch(request, sequence: machine.requestReceived(now: now))
        case .failure(let error):
            worker.context.emit(.requestRejected(status: error.status, detail: error.detail, remoteAddress: remoteAddress))
            perform(machine.requestRejected(error, now: now), now: now)
        }
    }

    /// The one crossing into Swift concurrency per request: a task runs the handler and posts the response back.
    private func dispatch(_ request: HTTPRequest, sequence: UInt64) {
        let handler = worker.context.handler
        let loop = worker.loop
        let token = token
        inFlight = (request.method, request.target)
        handlerTask = Task {
            let response = await handler.handle(request)
            loop.post(.response(connection: token, sequence: sequence, response))
        }
    }

    private func perform(_ action: ConnectionStateMachine.Action, now: UInt64) {
        switch action {
        case .none, .resumeReading:
            break
        case .sendContinue:
            output.append(ResponseEncoder.continueResponse)
        case .writeError(let status, let detail, let context):
            write(worker.context.configuration.errorResponder(status, detail), context)
        case .abandonHandler(let status, let detail, let context):
            handlerTask?.cancel()
            handlerTask = nil
            if let (method, target) = inFlight {
                worker.context.emit(.handlerTimedOut(method: method, target: target, remoteAddress: remoteAddress))
            }
            inFlight = nil
            write(worker.context.configuration.errorResponder(status, detail), context)
        case .linger:
            Socket.shutdownOutput(fd)
        case .close:
            release()
        }
    }

    private func write(_ response: HTTPResponse, _ context: ConnectionStateMachine.ResponseContext) {
        let (head, body) = ResponseEncoder.encode(response, context: context, date: worker.dateCache.current())
        output.append(head)
        output.append(body)
    }

    private func receive(now: UInt64) {
        let (result, filled) = parser.buffer.write(minimumSpace: parser.preferredReadSize) { space in
            let result = Socket.read(fd, into: space)
            guard case .transferred(let count) = result else { return (0, (result, false)) }
            return (count, (result, count == space.count))
        }
        switch result {
        case .transferred:
            // A read that did not fill the space drained the socket, and new data raises a new edge; but a FIN
            // that came with this data raises none, and is still to be read.
            readable = filled || peerFinished
            machine.bytesReceived(now: now)
        case .wouldBlock:
            readable = false
        case .endOfFile:
            perform(machine.inputEnded(), now: now)
        case .failed:
            abort()
        }
    }

    /// Lingering: throw input away until the client closes (then close) or the socket is drained (then wait).
    private func discardInput() {
        for _ in 0..<Self.maxDiscardReads where readable {
            switch Socket.read(fd, into: worker.discardBuffer) {
            case .transferred(let count): readable = count == worker.discardBuffer.count || peerFinished
            case .wouldBlock: readable = false
            case .endOfFile, .failed:
                abort()
                return
            }
        }
    }

    private func release() {
        handlerTask?.cancel()
        handlerTask = nil
        worker.context.connectionClosed(from: addressKey)
        Socket.close(fd)
    }
}
