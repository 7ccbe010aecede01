import Foundation
import Glibc

/// A response as the test client read it off the wire.
struct WireResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The decoded `application/problem+json` body.
    var problem: [String: any Sendable]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: any Sendable]
    }
}

enum TestClientError: Error {
    case timedOut
    case closedByPeer
    case malformed(String)
    case system(String, Int32)
}

/// A blocking HTTP/1.1 client over a raw socket, so tests control every byte and every boundary.
/// Blocking calls belong on their own thread (see `onThread`), never on the cooperative pool the server's handlers need.
///
/// `@unchecked Sendable`: a test hands a client from one blocking step to the next (each on its own thread, each
/// awaited before the next starts), so its mutable buffer is never touched by two threads at once.
final class TestClient: @unchecked Sendable {
    private(set) var fd: Int32
    private var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port` from `source`, any address of 127.0.0.0/8, so that one test can play several
    /// clients the server tells apart by address.
    init(port: Int, from source: String = "127.0.0.1", receiveTimeout: Duration = .seconds(5)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.system("socket", errno) }
        var timeout = timeval(tv_sec: Int(receiveTimeout.components.seconds), tv_usec: Int(receiveTimeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var on: Int32 = 1  // IP_BIND_ADDRESS_NO_PORT: the port is picked at connect, per destination, so thousands fit
        setsockopt(fd, Int32(IPPROTO_IP), 24, &on, socklen_t(MemoryLayout<Int32>.size))
        do {
            try call("bind", Self.loopback(source, port: 0)) { bind(fd, $0, $1) }
            try call("connect", Self.loopback("127.0.0.1", port: port)) { connect(fd, $0, $1) }
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    private static func loopback(_ host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }

    private func call(_ name: String, _ address: sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) throws {
        var address = address
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw TestClientError.system(name, errno) }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw TestClientError.system("send", errno) }
            sent += count
        }
    }

    /// Reads one response. `toHEAD`: the response to a HEAD request, whose Content-Length announces no body.
    func readResponse(toHEAD: Bool = false) throws -> WireResponse {
        let headEnd = try readUntil { bytes in bytes.indexOfHeadEnd }
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        received.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw TestClientError.malformed(head)
        }
        let headers = try lines.map { line -> (name: String, value: String) in
            guard let colon = line.firstIndex(of: ":") else { throw TestClientError.malformed(line) }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = WireResponse(status: status, headers: headers, body: [])
        if !toHEAD, let length = response.header("Content-Length").flatMap(Int.init), length > 0 {
            _ = try readUntil { $0.count >= length ? length : nil }
            response.body = Array(received[..<length])
            received.removeFirst(length)
        }
        return response
    }

    /// Waits up to `timeout` for something to read (a byte, the end of the stream or a reset).
    func waitReadable(timeout: Duration) -> Bool {
        if !received.isEmpty { return true }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return poll(&poller, 1, milliseconds) > 0
    }

    /// Closes with a reset (RST) instead of an orderly FIN.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        Glibc.close(fd)
        fd = -1
    }

    /// Ends the request stream (FIN) while the response stream stays open.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads until the server closes; returns what came before the end. A reset counts as the end too.
    @discardableResult
    func readUntilClosed() throws -> [UInt8] {
        while try receiveMore() {}
        defer { received = [] }
        return received
    }

    /// Waits for more bytes; false at the end of the stream.
    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received += chunk[..<count]
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw errno == EAGAIN ? TestClientError.timedOut : TestClientError.system("recv", errno)
    }

    private func readUntil(_ found: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let index = found(received) { return index }
            guard try receiveMore() else { throw TestClientError.closedByPeer }
        }
    }
}

extension [UInt8] {
    var indexOfHeadEnd: Int? {
        guard count >= 4 else { return nil }
        return (0...(count - 4)).first { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
