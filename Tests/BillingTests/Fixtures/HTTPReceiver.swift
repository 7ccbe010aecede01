import Foundation
import Glibc
import Synchronization

/// A tiny blocking HTTP/1.1 server on 127.0.0.1 that stands in for the WhatsApp Cloud API: it accepts one
/// connection at a time on a thread of its own, reads the headers and a `Content-Length` body, records the request
/// and answers with the next configured status (200 once the list runs out), closing the connection.
final class HTTPReceiver: Sendable {
    struct Request: Sendable {
        let method: String
        let path: String
        /// Header names lower-cased.
        let headers: [String: String]
        let body: Data

        /// The body as a JSON object.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private struct State {
        var requests: [Request] = []
        var statuses: [Int]
    }

    let port: UInt16
    private let listener: Int32
    private let state: Mutex<State>

    /// Starts listening on a free port; answers the first requests with `statuses` in order, then 200.
    init(statuses: [Int] = []) throws {
        state = Mutex(State(statuses: statuses))
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EBADF) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ready else { close(fd); throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in serve() }.start()
    }

    /// `http://127.0.0.1:{port}/v21.0`: a base URL for the WhatsApp configuration.
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v21.0")! }

    var requests: [Request] { state.withLock { $0.requests } }

    /// Answers the next requests with `statuses` in order, then 200.
    func answer(_ statuses: [Int]) { state.withLock { $0.statuses = statuses } }

    /// Stops accepting; a blocked `accept` returns at once. The serving thread closes the socket: closed here, its
    /// number could be reused by another test's socket while that thread still calls `accept` on it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                close(listener)
                return
            }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var buffer = [UInt8]()
        let separator = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            guard let chunk = read(connection) else { return }
            buffer += chunk
            headerEnd = buffer.indices.first { buffer[$0...].starts(with: separator) }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ").map(String.init)
        var headers = [String: String]()
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" { write(connection, "HTTP/1.1 100 Continue\r\n\r\n") }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(headerEnd! + 4)...])
        while body.count < length, let chunk = read(connection) { body += chunk }
        let status = state.withLock { s -> Int in
            s.requests.append(Request(method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "",
                                      headers: headers, body: Data(body)))
            return s.statuses.isEmpty ? 200 : s.statuses.removeFirst()
        }
        let reply = status == 200 ? #"{"messaging_product":"whatsapp","messages":[{"id":"wamid.test"}]}"# : #"{"error":{"message":"test"}}"#
        write(connection, "HTTP/1.1 \(status) Test\r\nContent-Type: application/json\r\nContent-Length: \(reply.utf8.count)\r\nConnection: close\r\n\r\n\(reply)")
    }

    private func read(_ connection: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = recv(connection, &chunk, chunk.count, 0)
        return n > 0 ? Array(chunk[..<n]) : nil
    }

    private func write(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            sent += n
        }
    }
}
