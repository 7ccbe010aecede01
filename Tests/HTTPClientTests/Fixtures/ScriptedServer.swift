import CTLS
import Foundation
import Glibc
import Synchronization

/// A receiver on 127.0.0.x that answers from a script, byte for byte, over plain TCP or TLS: each connection gets a
/// thread of its own and blocking sockets, so a reply can hang, trickle, stream without end, or reset. It counts
/// the connections it accepts and records every request.
final class ScriptedServer: Sendable {
    enum Reply: Sendable {
        /// Writes these bytes; closes the connection afterwards when `close`.
        case send(String, close: Bool = false)
        /// Writes `head`, then the body one byte every `interval`, `count` bytes in all.
        case trickle(head: String, count: Int, interval: Duration)
        /// Never answers; waits for the client to go away.
        case hang
        /// Aborts the connection with a reset (SO_LINGER 0).
        case reset
        /// A 200 whose body never ends, written as fast as the client reads it.
        case endless
    }

    struct Request: Sendable {
        let method: String
        let target: String
        /// Names lower-cased.
        let headers: [String: String]
        let body: [UInt8]
        /// Which accepted connection carried it, from 1.
        let connection: Int
        /// The TLS server name the client sent (nil without TLS or SNI).
        let serverName: String?
    }

    private struct State {
        var requests: [Request] = []
        var accepted = 0
        var finished = 0
        var bytesStreamed = 0
        var sockets: Set<Int32> = []
        var waiters: [(condition: @Sendable (State) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    }

    let host: String
    let port: Int
    private let listener: Int32
    private let state = Mutex(State())
    private let reply: @Sendable (Int, Request) -> Reply
    private let tls: ServerTLSContext?

    /// Listens on `host` (any 127.0.0.0/8 address) at `port` (0: a free one); `identity` serves TLS with its certificate.
    /// `reply` answers request number n (from 1) on the connection's thread; it may block to hold the answer.
    init(host: String = "127.0.0.1", port: Int = 0, identity: TestIdentity? = nil,
         reply: @escaping @Sendable (Int, Request) -> Reply) throws {
        self.host = host
        self.reply = reply
        tls = identity.map(ServerTLSContext.init)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { close(fd); throw POSIXError(.EADDRINUSE) }
        listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// A server that answers every request with `200 ok` and keeps the connection open.
    convenience init(host: String = "127.0.0.1", port: Int = 0, identity: TestIdentity? = nil) throws {
        try self.init(host: host, port: port, identity: identity) { _, _ in .send(ScriptedServer.ok) }
    }

    static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    /// `http://127.0.0.1:port/path` (https with TLS).
    func url(_ path: String = "/hooks", host: String? = nil) -> String {
        "\(tls == nil ? "http" : "https")://\(host ?? self.host):\(port)\(path)"
    }

    var requests: [Request] { state.withLock { $0.requests } }
    var connectionsAccepted: Int { state.withLock { $0.accepted } }
    /// Body bytes written by `.endless` replies.
    var bytesStreamed: Int { state.withLock { $0.bytesStreamed } }

    /// Returns once `count` requests have arrived.
    func waitForRequests(_ count: Int) async { await wait { $0.requests.count >= count } }

    /// Returns once `count` connections have ended on the server's side.
    func waitForFinishedConnections(_ count: Int) async { await wait { $0.finished >= count } }

    /// Stops accepting and cuts every open connection. Only the threads that use the descriptors close them: a
    /// number closed here could be reused by another test's socket while a thread still holds it.
    func stop() {
        let sockets = state.withLock { $0.sockets }
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func wait(until condition: @escaping @Sendable (State) -> Bool) async {
        await withCheckedContinuation { continuation in
            let met = state.withLock { state in
                if condition(state) { return true }
                state.waiters.append((condition, continuation))
                return false
            }
            if met { continuation.resume() }
        }
    }

    private func update(_ change: (inout State) -> Void) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            change(&state)
            let (met, unmet) = (state.waiters.filter { $0.condition(state) }, state.waiters.filter { !$0.condition(state) })
            state.waiters = unmet
            return met.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                close(listener)
                return
            }
            let number = state.withLock { state in
                state.accepted += 1
                state.sockets.insert(fd)
                return state.accepted
            }
            Thread { [self] in serve(fd, connection: number) }.start()
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        var signals = sigset_t()  // a client that goes away must not end the test process with SIGPIPE
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let peer = Peer(fd: fd, tls: tls)
        defer {
            peer.close()
            update { state in
                state.sockets.remove(fd)
                state.finished += 1
            }
        }
        guard peer.handshake() else { return }
        while let request = peer.readRequest(connection: connection) {
            let number = state.withLock { $0.requests.count } + 1
            update { $0.requests.append(request) }
            switch reply(number, request) {
            case .send(let text, let close):
                guard peer.write(Array(text.utf8)), !close else { return }
            case .trickle(let head, let count, let interval):
                guard peer.write(Array(head.utf8)) else { return }
                for _ in 0..<count {
                    Thread.sleep(forTimeInterval: interval / .seconds(1))
                    guard peer.write([UInt8(ascii: "x")]) else { return }
                }
            case .hang:
                peer.drain()
                return
            case .reset:
                peer.reset()
                return
            case .endless:
                guard peer.write(Array("HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n\r\n".utf8)) else { return }
                let block = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
                while peer.write(block) { update { $0.bytesStreamed += block.count } }
                return
            }
        }
    }
}

/// The server side of TLS for a ``ScriptedServer``.
///
/// `@unchecked Sendable`: the context is configured once in `init` and only read afterwards (OpenSSL allows making
/// sessions from one context on many threads).
private final class ServerTLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ identity: TestIdentity) {
        pointer = SSL_CTX_new(TLS_server_method())!
        SSL_CTX_use_certificate(pointer, identity.certificate)
        SSL_CTX_use_PrivateKey(pointer, identity.key)
    }

    deinit { SSL_CTX_free(pointer) }
}

/// One accepted connection on its own thread, with blocking I/O, plain or TLS.
private final class Peer {
    let fd: Int32
    let ssl: OpaquePointer?
    private var buffer: [UInt8] = []

    init(fd: Int32, tls: ServerTLSContext?) {
        self.fd = fd
        ssl = tls.map { SSL_new($0.pointer)! }
        if let ssl { SSL_set_fd(ssl, fd) }
    }

    func handshake() -> Bool { ssl.map { SSL_accept($0) == 1 } ?? true }

    var serverName: String? {
        guard let ssl, let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else { return nil }
        return String(cString: name)
    }

    /// The next request (head and Content-Length body), or nil when the client closed.
    func readRequest(connection: Int) -> Request? {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            headEnd = buffer.indices.first { buffer[$0...].starts(with: separator) }
            if headEnd != nil { break }
            guard receive() else { return nil }
        }
        let lines = String(decoding: buffer[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(headEnd! + 4)
        let requestLine = lines[0].split(separator: " ").map(String.init)
        var headers = [String: String]()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { guard receive() else { return nil } }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return Request(method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "", headers: headers,
                       body: body, connection: connection, serverName: serverName)
    }

    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { raw -> Int in
                if let ssl { return Int(SSL_write(ssl, raw.baseAddress, Int32(raw.count))) }
                return Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads and ignores until the client closes.
    func drain() {
        while receive() { buffer.removeAll() }
    }

    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    func close() {
        if let ssl { SSL_free(ssl) }
        Glibc.close(fd)
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        let count = chunk.withUnsafeMutableBytes { raw -> Int in
            if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(raw.count))) }
            return recv(fd, raw.baseAddress, raw.count, 0)
        }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }
}

private typealias Request = ScriptedServer.Request
