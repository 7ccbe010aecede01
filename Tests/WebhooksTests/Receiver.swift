import Foundation
import HTTPServer
import Synchronization

/// A real webhook receiver on 127.0.0.1: records every request and answers from a script (`otherwise` when the
/// script is empty: 200 unless told). A scripted `hang` makes it stall past the sender's timeout.
final class Receiver: Sendable {
    enum Reply: Sendable {
        case status(Int, headers: [String: String] = [:])
        /// A 200 with this body.
        case body(String)
        case hang(Duration)
    }

    private let handler: Handler
    private let server: HTTPServer
    let port: Int

    private init(otherwise: Reply) throws {
        handler = Handler(otherwise: otherwise)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.ioThreads = 1
        server = HTTPServer(configuration: configuration, handler: handler)
        port = try server.start()
    }

    static func start(otherwise: Reply = .status(200)) throws -> Receiver { try Receiver(otherwise: otherwise) }

    var url: String { "http://127.0.0.1:\(port)/hooks" }
    var requests: [HTTPRequest] { handler.state.withLock { $0.requests } }
    /// When each request arrived, in order.
    var arrivals: [ContinuousClock.Instant] { handler.state.withLock { $0.arrivals } }

    /// The `type` of each request's envelope, in arrival order, with the envelope's subject when it has one.
    var received: [String] {
        requests.map { request in
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            let data = body["data"] as? [String: Any] ?? [:]
            let subject = data["strategy_id"]
            return "\(body["type"] ?? "?")" + (subject.map { " \($0)" } ?? "")
        }
    }

    func script(_ replies: Reply...) { handler.state.withLock { $0.script += replies } }

    /// Returns once a request has arrived, or after `limit` (then nil): a bound on the wait, never a pause.
    func firstRequest(within limit: Duration) async -> HTTPRequest? {
        let handler = self.handler
        return await withTaskGroup(of: HTTPRequest?.self) { group in
            group.addTask { await handler.firstRequest() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            handler.releaseWaiters()
            return first
        }
    }

    func stop() async { await server.shutdown(drainTimeout: .seconds(1)) }
}

/// Records requests, answers from the script, and wakes those waiting for the first request.
private final class Handler: HTTPHandler {
    struct State {
        var requests: [HTTPRequest] = []
        var arrivals: [ContinuousClock.Instant] = []
        var script: [Receiver.Reply] = []
        var waiters: [CheckedContinuation<HTTPRequest?, Never>] = []
    }

    let state = Mutex(State())
    let otherwise: Receiver.Reply

    init(otherwise: Receiver.Reply) { self.otherwise = otherwise }

    func firstRequest() async -> HTTPRequest? {
        await withCheckedContinuation { continuation in
            let first = state.withLock { s -> HTTPRequest? in
                if s.requests.isEmpty { s.waiters.append(continuation) }
                return s.requests.first
            }
            if let first { continuation.resume(returning: first) }
        }
    }

    /// Ends every wait still pending (the bound passed).
    func releaseWaiters() {
        for waiter in state.withLock({ s in defer { s.waiters = [] }; return s.waiters }) { waiter.resume(returning: nil) }
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let arrived = ContinuousClock.now
        let (reply, waiters) = state.withLock { s -> (Receiver.Reply, [CheckedContinuation<HTTPRequest?, Never>]) in
            s.requests.append(request)
            s.arrivals.append(arrived)
            defer { s.waiters = [] }
            return (s.script.isEmpty ? otherwise : s.script.removeFirst(), s.waiters)
        }
        for waiter in waiters { waiter.resume(returning: request) }
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
