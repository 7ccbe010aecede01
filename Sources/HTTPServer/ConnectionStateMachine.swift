import HTTPCore

/// Decides what one connection does next: which timeout runs, when a request is handed to the handler, whether
/// the connection stays open after a response, and what a timeout, the peer's end of input or a server shutdown
/// does. A pure value: its inputs are events and the current monotonic time, its outputs are actions.
///
/// Requests on a connection are handled one at a time: the next pipelined request is parsed only once the previous
/// response is fully written. Pipelined requests are therefore answered in order by construction, and a client
/// that stops reading its responses stops being read.
struct ConnectionStateMachine {
    /// Timeouts in nanoseconds.
    struct Timeouts: Sendable {
        /// A new connection waiting for the first byte of its first request.
        var firstByte: UInt64
        /// A keep-alive connection waiting for the first byte of its next request; also bounds writing a response
        /// to a client that does not read.
        var idle: UInt64
        /// From the first byte of a request to the end of its head (slowloris).
        var header: UInt64
        /// From the end of the head to the end of the body.
        var body: UInt64
        /// From dispatch to the handler's response.
        var handler: UInt64
        /// After the final response of a closing connection, reading and discarding what the client still sends.
        var linger: UInt64
    }

    enum Phase: Sendable, Equatable {
        case idle, readingHead, readingBody, handling, writing, lingering, closed
    }

    /// What the response being written says about the connection, and whether it carries its body.
    struct ResponseContext: Sendable, Equatable {
        var version: HTTPVersion
        var keepAlive: Bool
        var isHead: Bool

        /// Before a request head is known: an HTTP/1.1 answer that closes the connection.
        static let closing = ResponseContext(version: .http11, keepAlive: false, isHead: false)
    }

    enum Action: Sendable, Equatable {
        case none
        /// Send `100 Continue`: the client waits for it before sending the body.
        case sendContinue
        /// Write a server-generated error response.
        case writeError(status: Int, detail: String, ResponseContext)
        /// The handler missed its deadline: cancel it and write this error response instead.
        case abandonHandler(status: Int, detail: String, ResponseContext)
        /// Parse the next request from what is buffered, reading more when needed.
        case resumeReading
        /// Send FIN, then read and discard until the client closes too (RFC 9112 §9.6), so that data still in
        /// flight from it does not turn the close into a reset that destroys the response.
        case linger
        case close
    }

    private(set) var phase = Phase.idle
    /// When the current phase times out (monotonic nanoseconds).
    private(set) var deadline: UInt64
    private(set) var sequence: UInt64 = 0
    private var response = ResponseContext.closing
    private var inputClosed = false
    private var draining = false
    let timeouts: Timeouts

    /// A new connection, waiting for its first request.
    init(timeouts: Timeouts, now: UInt64) {
        self.timeouts = timeouts
        deadline = now.addingSaturating(timeouts.firstByte)
    }

    /// Reading stops while a request is handled or its response written (requests are served one at a time).
    var wantsInput: Bool { phase == .idle || phase == .readingHead || phase == .readingBody }

    /// Bytes of a new request arrived.
    mutating func bytesReceived(now: UInt64) {
        guard phase == .idle else { return }
        enter(.readingHead, timeout: timeouts.header, now: now)
    }

    mutating func headReceived(_ head: HTTPRequestHead, now: UInt64) -> Action {
        response = ResponseContext(version: head.version, keepAlive: head.keepAlive && !draining, isHead: head.method == .head)
        enter(.readingBody, timeout: timeouts.body, now: now)
        return head.expectsContinue && head.hasBody ? .sendContinue : .none
    }

    /// The request is complete: it goes to the handler, whose response must come back with the returned number.
    mutating func requestReceived(now: UInt64) -> UInt64 {
        sequence += 1
        enter(.handling, timeout: timeouts.handler, now: now)
        return sequence
    }

    /// The parser refused the request: answer with the error and close.
    mutating func requestRejected(_ error: HTTPParseError, now: UInt64) -> Action {
        response.keepAlive = false
        enter(.writing, timeout: timeouts.idle, now: now)
        return .writeError(status: error.status, detail: error.detail, response)
    }

    /// The handler answered request `sequence` (`closeRequested`: its response says `Connection: close`).
    /// Returns how to write it, or nil to drop it: it came after the deadline was answered for it.
    mutating func responseReady(sequence: UInt64, closeRequested: Bool, now: UInt64) -> ResponseContext? {
        guard phase == .handling, sequence == self.sequence else { return nil }
        if closeRequested { response.keepAlive = false }
        enter(.writing, timeout: timeouts.idle, now: now)
        return response
    }

    /// The final response of the current request is fully written.
    mutating func writeCompleted(hasBufferedInput: Bool, now: UInt64) -> Action {
        guard phase == .writing else { return .none }
        if !response.keepAlive || draining {
            enter(.lingering, timeout: timeouts.linger, now: now)
            return .linger
        }
        response = .closing
        if hasBufferedInput {
            enter(.readingHead, timeout: timeouts.header, now: now)
            return .resumeReading
        }
        if inputClosed { return close() }
        enter(.idle, timeout: timeouts.idle, now: now)
        return .resumeReading
    }

    /// The peer sent FIN. An unfinished request is abandoned; one being handled is still answered.
    mutating func inputEnded() -> Action {
        inputClosed = true
        switch phase {
        case .idle, .readingHead, .readingBody, .lingering: return close()
        case .handling, .writing, .closed: return .none
        }
    }

    mutating func timerFired(now: UInt64) -> Action {
        guard now >= deadline else { return .none }
        switch phase {
        case .idle, .writing, .lingering:
            return close()
        case .readingHead:
            return requestRejected(HTTPParseError(status: 408, detail: "The request head did not arrive within \(Self.describe(timeouts.header))."), now: now)
        case .readingBody:
            return requestRejected(HTTPParseError(status: 408, detail: "The request body did not arrive within \(Self.describe(timeouts.body))."), now: now)
        case .handling:
            enter(.writing, timeout: timeouts.idle, now: now)
            return .abandonHandler(status: 503, detail: "The request handler did not answer within \(Self.describe(timeouts.handler)).", response)
        case .closed:
            return .none
        }
    }

    /// The server is shutting down: an idle connection closes now, a busy one after its current response.
    mutating func shutdownRequested() -> Action {
        draining = true
        response.keepAlive = false
        return phase == .idle ? close() : .none
    }

    /// The socket failed or the server gave up on the connection: it is closed without further ado.
    mutating func abort() {
        _ = close()
    }

    private mutating func close() -> Action {
        phase = .closed
        deadline = .max
        return .close
    }

    private mutating func enter(_ phase: Phase, timeout: UInt64, now: UInt64) {
        self.phase = phase
        deadline = now.addingSaturating(timeout)
    }

    /// `250 ms`, `10 s`.
    static func describe(_ nanoseconds: UInt64) -> String {
        nanoseconds % 1_000_000_000 == 0 ? "\(nanoseconds / 1_000_000_000) s" : "\(nanoseconds / 1_000_000) ms"
    }
}
