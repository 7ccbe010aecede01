import Foundation
import HTTPServer
import Synchronization

/// An HTTP server on 127.0.0.1 that answers every request with one status and keeps what it got: a webhook receiver
/// that is down (503) or gone (410), a healthy one (200), or the WhatsApp Cloud API.
final class StatusReceiver: Sendable {
    private let handler: Recorder
    private let server: HTTPServer
    let url: String

    init(answering status: Int) throws {
        handler = Recorder(status: status)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.ioThreads = 1
        server = HTTPServer(configuration: configuration, handler: handler)
        url = "http://127.0.0.1:\(try server.start())"
    }

    var requests: [HTTPRequest] { handler.received.withLock { $0 } }

    /// Each request's body as JSON.
    var bodies: [[String: Any]] {
        requests.map { (try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any] ?? [:] }
    }

    func stop() async { await server.shutdown(drainTimeout: .seconds(1)) }
}

private final class Recorder: HTTPHandler {
    let status: Int
    let received = Mutex<[HTTPRequest]>([])

    init(status: Int) { self.status = status }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        received.withLock { $0.append(request) }
        return HTTPResponse(status: status, body: Array("{}".utf8))
    }
}
