import HTTPCore

/// Decides what one client connection does next: which address to connect to after the name resolved (only the
/// permitted ones, in order), when TLS starts, when the connection is offered to its pool, when an exchange's request
/// is written and its response read, whether it goes back to the pool afterwards, and what a deadline, the peer's
/// close or an I/O error does. A pure value: its inputs are events and the current monotonic time, its outputs are
/// actions; it never touches a socket.
///
/// One deadline runs at a time: while opening, the deadline of the exchange that asked for the connection; while
/// idle in the pool, the idle expiry; during an exchange, that exchange's deadline, which covers writing and reading
/// (waiting for the connection, resolving, connecting and TLS ran against it before).
struct ClientConnectionStateMachine {
    enum Phase: Sendable, Equatable {
        case resolving, connecting, handshaking, idle, writing, reading, closed
    }

    enum Action: Sendable, Equatable {
        case none
        /// Open a socket to this (permitted) address, closing the previous attempt's socket if there is one.
        case connect(IPAddress)
        /// TCP is up: start the TLS handshake.
        case startTLS
        /// The connection is open and idle: offer it to the pool.
        case offer
        /// An exchange was assigned: write its request.
        case writeRequest
        /// The request is written: read the response.
        case readResponse
        /// The response is complete: hand it over; `keepAlive`: the connection goes back to the pool, else closes.
        case deliver(keepAlive: Bool)
        /// The exchange fails and the connection closes. `retry`: the peer closed a reused connection before
        /// answering (it had timed it out as idle): the exchange may go again on a fresh connection.
        case failExchange(HTTPClientError, retry: Bool)
        /// The connection could not be opened; the error belongs to an exchange waiting for one. Close it.
        case openFailed(HTTPClientError)
        /// Close without an error to report (idle expiry, the peer closed an idle connection, an abandoned open).
        case close
    }

    let origin: Origin
    private(set) var phase = Phase.resolving
    /// When the current phase times out (monotonic nanoseconds).
    private(set) var deadline: UInt64
    private let idleTimeout: UInt64
    private var addresses: [IPAddress] = []
    private var attempt = 0
    private var failures: [String] = []
    /// Exchanges completed on this connection: a connection that served one before is a reused one.
    private(set) var exchangesServed = 0
    private var responseStarted = false
    private var exchangeTimeout = ""

    init(origin: Origin, openDeadline: UInt64, idleTimeout: UInt64) {
        self.origin = origin
        self.idleTimeout = idleTimeout
        deadline = openDeadline
    }

    /// The address being connected to (or connected), once resolution picked one.
    var address: IPAddress? { attempt < addresses.count ? addresses[attempt] : nil }

    /// The name resolved: connect to the first permitted address. Refused addresses are never used.
    mutating func resolved(_ resolution: Resolution) -> Action {
        guard phase == .resolving else { return .none }
        guard !resolution.permitted.isEmpty else {
            if resolution.refused.isEmpty { return openFailed(HTTPClientError(.dns, "\(origin.host) did not resolve")) }
            let refused = resolution.refused.map(\.description).joined(separator: ", ")
            return openFailed(HTTPClientError(.blocked, "\(origin.host) resolves only to addresses the policy refuses (\(refused))"))
        }
        addresses = resolution.permitted
        attempt = 0
        phase = .connecting
        return .connect(addresses[0])
    }

    /// Connecting to the current address failed: try the next permitted one, or give up.
    mutating func connectFailed(_ reason: String) -> Action {
        guard phase == .connecting else { return .none }
        failures.append("\(Self.describe(addresses[attempt], port: origin.port)): \(reason)")
        attempt += 1
        if attempt < addresses.count { return .connect(addresses[attempt]) }
        return openFailed(HTTPClientError(.connect, "cannot connect to \(origin.host) (\(failures.joined(separator: "; ")))"))
    }

    mutating func connected(now: UInt64) -> Action {
        guard phase == .connecting else { return .none }
        if origin.scheme == .https {
            phase = .handshaking
            return .startTLS
        }
        return becomeIdle(now: now)
    }

    mutating func handshakeCompleted(now: UInt64) -> Action {
        guard phase == .handshaking else { return .none }
        return becomeIdle(now: now)
    }

    mutating func handshakeFailed(_ reason: String) -> Action {
        guard phase == .handshaking else { return .none }
        return openFailed(HTTPClientError(.tls, "TLS with \(origin.host) failed: \(reason)"))
    }

    /// The pool gave this idle connection an exchange due by `deadline`; `timeout` describes it for errors.
    mutating func assign(deadline: UInt64, timeout: Duration) -> Action {
        guard phase == .idle else { return .none }
        phase = .writing
        self.deadline = deadline
        responseStarted = false
        exchangeTimeout = "\(Int((timeout / .milliseconds(1)).rounded())) ms"
        return .writeRequest
    }

    mutating func requestWritten() -> Action {
        guard phase == .writing else { return .none }
        phase = .reading
        return .readResponse
    }

    /// Bytes of the response arrived (a close after this cannot be the peer's idle timeout).
    mutating func responseBytesReceived() {
        if phase == .reading { responseStarted = true }
    }

    mutating func responseReceived(keepAlive: Bool, now: UInt64) -> Action {
        guard phase == .reading else { return .none }
        exchangesServed += 1
        if keepAlive {
            _ = becomeIdle(now: now)
        } else {
            close()
        }
        return .deliver(keepAlive: keepAlive)
    }

    mutating func responseMalformed(_ reason: String) -> Action {
        guard phase == .reading else { return .none }
        close()
        return .failExchange(HTTPClientError(.malformedResponse, "\(origin.host) answered with a malformed response: \(reason)"), retry: false)
    }

    /// The peer closed the connection, or reset it (`reason` says which).
    mutating func connectionLost(_ reason: String) -> Action {
        switch phase {
        case .resolving, .closed:
            return .none
        case .connecting:
            return connectFailed(reason)
        case .handshaking:
            return handshakeFailed(reason)
        case .idle:
            close()
            return .close
        case .writing, .reading:
            // A reused connection that closes before a byte of the answer: the peer timed it out while it was idle
            // in our pool and never saw the request.
            let stale = exchangesServed > 0 && !responseStarted
            close()
            let error = HTTPClientError(.connect, "the connection to \(origin.host) was \(reason) before the response was complete")
            return .failExchange(error, retry: stale)
        }
    }

    mutating func timerFired(now: UInt64) -> Action {
        guard now >= deadline else { return .none }
        switch phase {
        case .resolving, .connecting, .handshaking, .idle:
            // Opening: the exchange that asked for it has timed out on its own; another one may open anew.
            close()
            return .close
        case .writing, .reading:
            let doing = phase == .writing ? "writing the request" : "waiting for the response"
            close()
            return .failExchange(HTTPClientError(.timeout, "no complete response from \(origin.host) within \(exchangeTimeout) (\(doing))"), retry: false)
        case .closed:
            return .none
        }
    }

    /// The exchange was cancelled or the client is shutting down: closed without further ado.
    mutating func abort() {
        close()
    }

    private mutating func becomeIdle(now: UInt64) -> Action {
        phase = .idle
        deadline = now.addingSaturating(idleTimeout)
        return .offer
    }

    private mutating func openFailed(_ error: HTTPClientError) -> Action {
        close()
        return .openFailed(error)
    }

    private mutating func close() {
        phase = .closed
        deadline = .max
    }

    /// `127.0.0.1:80`, `[::1]:443`.
    static func describe(_ address: IPAddress, port: Int) -> String {
        address.isIPv4 ? "\(address):\(port)" : "[\(address)]:\(port)"
    }
}
