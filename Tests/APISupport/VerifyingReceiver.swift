import Foundation
import HTTPServer
import Kernel
import Synchronization
import Webhooks

/// A real webhook receiver on 127.0.0.1 that checks what it gets the way operators' receivers do, well or badly:
/// it verifies correctly (signature and a timestamp within 5 minutes of its clock), verifies nothing, or checks the
/// signature but ignores the timestamp. It dedupes on `webhook-id` (a repeat gets 200 and is not acted on again),
/// counts what it acted on, and answers 401 to what it refuses. Its clock is injected (the fixture's).
public final class VerifyingReceiver: Sendable {
    /// How the receiver judges a request.
    public enum Behaviour: Sendable {
        case verifiesCorrectly
        case verifiesNothing
        case ignoresTimestamps
        /// Refuses everything with this status (a receiver that is down or misconfigured).
        case answers(Int)
    }

    private let handler: Handler
    private let server: HTTPServer
    public let port: Int

    public init(_ behaviour: Behaviour, now: @escaping @Sendable () -> Timestamp) throws {
        handler = Handler(behaviour: behaviour, now: now)
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.ioThreads = 1
        server = HTTPServer(configuration: configuration, handler: handler)
        port = try server.start()
    }

    public var url: String { "http://127.0.0.1:\(port)/hooks" }
    /// The endpoint secret it verifies with (set once the endpoint exists).
    public func use(secret: String) { handler.state.withLock { $0.secret = secret } }
    /// How many requests it got.
    public var requestCount: Int { handler.state.withLock { $0.answered.count } }
    /// How many requests it acted on (accepted and not a repeat).
    public var acted: Int { handler.state.withLock { $0.acted } }
    /// Every request's `check` member and the status it answered, in order.
    public var answered: [(check: String?, status: Int)] { handler.state.withLock { $0.answered } }

    public func stop() async { await server.shutdown(drainTimeout: .seconds(1)) }
}

private final class Handler: HTTPHandler {
    struct State {
        var secret = ""
        var seen: Set<String> = []
        var acted = 0
        var answered: [(check: String?, status: Int)] = []
    }

    let behaviour: VerifyingReceiver.Behaviour
    let now: @Sendable () -> Timestamp
    let state = Mutex(State())

    init(behaviour: VerifyingReceiver.Behaviour, now: @escaping @Sendable () -> Timestamp) {
        self.behaviour = behaviour
        self.now = now
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let check = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["check"] as? String
        let status = state.withLock { state -> Int in
            let status = judge(request, secret: state.secret, seen: &state.seen, acted: &state.acted)
            state.answered.append((check, status))
            return status
        }
        return HTTPResponse(status: status, body: Array("\(status)".utf8))
    }

    private func judge(_ request: HTTPRequest, secret: String, seen: inout Set<String>, acted: inout Int) -> Int {
        let id = request.headers["webhook-id"] ?? ""
        let timestamp = request.headers["webhook-timestamp"].flatMap(Int64.init) ?? 0
        let signature = request.headers["webhook-signature"] ?? ""
        switch behaviour {
        case .answers(let status):
            return status
        case .verifiesNothing:
            break
        case .verifiesCorrectly, .ignoresTimestamps:
            let tolerance: Duration = if case .ignoresTimestamps = behaviour { .seconds(10 * 365 * 86_400) } else { .seconds(300) }
            guard WebhookSigner.verify(header: signature, id: id, timestamp: timestamp, body: request.body, secret: secret, now: now(),
                                       tolerance: tolerance)
            else { return 401 }
        }
        if seen.insert(id).inserted { acted += 1 }
        return 200
    }
}
