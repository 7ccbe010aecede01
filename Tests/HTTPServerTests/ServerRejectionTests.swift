import Foundation
import Testing
import Synchronization
import HTTPServer

@Suite struct ServerRejectionTests {
    /// A request the server must refuse on the wire, with its status.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var request: String
        var status: Int
        var testDescription: String { "\(name) → \(status)" }
    }

    static let cases: [Case] = [
        Case(name: "body over the limit", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", status: 413),
        Case(name: "URI over the limit", request: "GET /" + String(repeating: "u", count: 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n", status: 414),
        Case(name: "header section over the limit", request: "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 17_000) + "\r\n\r\n", status: 431),
        Case(name: "malformed request line", request: "GET\r\n\r\n", status: 400),
        Case(name: "smuggling: Content-Length and Transfer-Encoding", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Case(name: "smuggling: duplicate Content-Length", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", status: 400),
        Case(name: "unsupported transfer coding", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: br\r\n\r\n", status: 501),
        Case(name: "unsupported HTTP version", request: "GET / HTTP/3.0\r\nHost: h\r\n\r\n", status: 505),
    ]

    @Test(arguments: cases)
    func server_whenRequestBreaksTheRules_answersAProblemAndCloses(_ rule: Case) async throws {
        try await withServer { port, _ in
            let (response, rest) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rule.request)
                return (try client.readResponse(), try client.readUntilClosed())
            }
            #expect(response.status == rule.status)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(response.problem?["status"] as? Int == rule.status)
            #expect(response.problem?["type"] as? String == "about:blank")
            #expect((response.problem?["detail"] as? String)?.isEmpty == false)
            #expect(rest.isEmpty)
        }
    }

    @Test func server_whenErrorResponderIsConfigured_usesItForItsOwnErrors() async throws {
        let configure = { (configuration: inout HTTPServerConfiguration) in
            configuration.errorResponder = { status, detail in
                HTTPResponse.problem(status: status, detail: detail, extensions: [(name: "requestId", value: "req-42")])
            }
        }
        try await withServer(configure: configure) { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("BROKEN\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.status == 400)
            #expect(response.problem?["requestId"] as? String == "req-42")
        }
    }

    @Test func server_whenItRejectsARequest_reportsItThroughTheEventHook() async throws {
        let events = Mutex<[HTTPServerEvent]>([])
        try await withServer(configure: { $0.onEvent = { event in events.withLock { $0.append(event) } } }) { port, _ in
            _ = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\n\r\n")
                return try client.readResponse()
            }
        }
        let recorded = events.withLock { $0 }
        #expect(recorded.contains { if case .requestRejected(400, _, "127.0.0.1") = $0 { true } else { false } })
    }
}
