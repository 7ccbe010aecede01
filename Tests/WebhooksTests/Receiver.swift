import Foundation
import HTTPServer
import Synchronization

/// A real webhook receiver on 127.0.0.1: records every request and answers from a script (200 when the script
/// is empty). A scripted `hang` makes it stall past the sender's timeout.
final class Receiver: Sendable {
    enum Reply: Sendable {
        case status(Int, headers: [String: String] = [:])
        /// A 200 with this body.
        case body(String)
        case hang(Duration)
    }

    private let handler = Handler()
    private let server: HTTPServer
    let port: Int

    private init() throws {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.ioThreads = 1
        server = HTTPServer(configuration: configuration, handler: handler)
        port = try server.start()
    }

    static func start() throws -> Receiver { try Receiver() }

    var url: String { "http://127.0.0.1:\(port)/hooks" }
    var requests: [HTTPRequest] { handler.state.withLock { $0.requests } }

    func script(_ replies: Reply...) { handler.state.withLock { $0.script += replies } }

    func stop() async { await server.shutdown(drainTimeout: .seconds(1)) }
}

/// Records requests and answers from the script.
private final class Handler: HTTPHandler {
    let state = Mutex<(requests: [HTTPRequest], script: [Receiver.Reply])>(([], []))

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let reply = state.withLock { s -> Receiver.Reply in
            s.requests.append(request)
            return s.script.isEmpty ? .status(200) : s.script.removeFirst()
        }
        switch reply {
        case .status(let code, let headers):
            var response = HTTPResponse(status: code, body: Array("ok \(code)".utf8))
            for (name, value) in headers { response.headers[name] = value }
            return response
        case .body(let text):
            return HTTPResponse(status: 200, body: Array(text.utf8))
        case .hang(let duration):
            try? await Task.sleep(for: duration)
            return HTTPResponse(status: 200)
        }
    }
}
