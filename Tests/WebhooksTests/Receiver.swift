import Foundation
import HTTPServer
import Synchronization

/// A real webhook receiver on 127.0.0.1: records every request and answers from a script (`otherwise` when the
/// script is empty: 200 unless told). A scripted `hang` makes it stall past the sender's timeout; a scripted `held`
/// answers only once the test releases that request (``release(_:)``), to hold an attempt in flight.
final class Receiver: Sendable {
    enum Reply: Sendable {
        case status(Int, headers: [String: String] = [:])
        /// A 200 with this body.
        case body(String)
        case hang(Duration)
        /// Answers `status` once the test releases this request.
        case held(Int)
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

    /// The most requests it was answering at once.
    var mostAtOnce: Int { handler.state.withLock { $0.mostAtOnce } }

    /// Lets the `n`th request (0-based, in arrival order), scripted `held`, have its answer (now, or once it arrives).
    func release(_ n: Int) {
        let waiter = handler.state.withLock { s in
            s.released.insert(n)
            return s.held.removeValue(forKey: n)
        }
        waiter?.resume()
    }

    /// Returns once a request has arrived, or after `limit` (then nil): a bound on the wait, never a pause.
    func firstRequest(within limit: Duration) async -> HTTPRequest? {
        await request(0, within: limit)
    }

    /// Returns once the `n`th request (0-based) has arrived, or after `limit` (then nil).
    func request(_ n: Int, within limit: Duration) async -> HTTPRequest? {
        let handler = self.handler
        return await withTaskGroup(of: HTTPRequest?.self) { group in
            group.addTask { await handler.request(n) }
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

    func stop() async {
        for n in 0..<requests.count { release(n) }
        await server.shutdown(drainTimeout: .seconds(1))
    }
}

/// Records requests, answers from the script, and wakes those waiting for the first request.
private final class Handler: HTTPHandler {
    struct State {
        var requests: [HTTPRequest] = []
        var arrivals: [ContinuousClock.Instant] = []
        var script: [Receiver.Reply] = []
        var waiters: [(n: Int, continuation: CheckedContinuation<HTTPRequest?, Never>)] = []
        var atOnce = 0
        var mostAtOnce = 0
        var held: [Int: CheckedContinuation<Void, Never>] = [:]
        var released: Set<Int> = []
    }

    let state = Mutex(State())
    let otherwise: Receiver.Reply

    init(otherwise: Receiver.Reply) { self.otherwise = otherwise }

    /// The `n`th request (0-based), once it has arrived.
    func request(_ n: Int) async -> HTTPRequest? {
        await withCheckedContinuation { continuation in
            let arrived = state.withLock { s -> HTTPRequest? in
                if s.requests.count <= n { s.waiters.append((n, continuation)) }
                return s.requests.count > n ? s.requests[n] : nil
            }
            if let arrived { continuation.resume(returning: arrived) }
        }
    }

    /// Ends every wait still pending (the bound passed).
    func releaseWaiters() {
        for waiter in state.withLock({ s in defer { s.waiters = [] }; return s.waiters }) { waiter.continuation.resume(returning: nil) }
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let arrived = ContinuousClock.now
        let (n, reply, waiters) = state.withLock { s -> (Int, Receiver.Reply, [CheckedContinuation<HTTPRequest?, Never>]) in
            s.requests.append(request)
            s.arrivals.append(arrived)
            s.atOnce += 1
            s.mostAtOnce = max(s.mostAtOnce, s.atOnce)
            let n = s.requests.count - 1
            let ready = s.waiters.filter { $0.n <= n }.map(\.continuation)
            s.waiters.removeAll { $0.n <= n }
            return (n, s.script.isEmpty ? otherwise : s.script.removeFirst(), ready)
        }
        for waiter in waiters { waiter.resume(returning: request) }
        defer { state.withLock { $0.atOnce -= 1 } }
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
        case .held(let status):
            await withCheckedContinuation { continuation in
                let go = state.withLock { s in
                    if s.released.contains(n) { return true }
                    s.held[n] = continuation
                    return false
                }
                if go { continuation.resume() }
            }
            return HTTPResponse(status: status, body: Array("held \(status)".utf8))
        }
    }
}
