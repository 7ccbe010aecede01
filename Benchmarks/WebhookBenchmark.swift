import Assembly
import Foundation
import HTTPClient
import HTTPServer
import Kernel
import Synchronization
import Webhooks

/// Signed webhook deliveries through the real dispatcher (each attempt signed, sent and logged in SQLite).
enum WebhookBenchmark {
    /// A backlog of committed events (deliveries queued), then the dispatcher drained: signed, logged deliveries/s
    /// from the first send to the last attempt recorded, to nginx on loopback with keep-alive. HTTPClient and the
    /// URLSession baseline are measured in the same run against the same receiver; HTTPClient also over TLS.
    static func throughput(events: Int = 10_000) async throws -> [String: Double] {
        let nginx = try LocalNginx()
        defer { nginx.stop() }
        var trusting = HTTPClientConfiguration()
        trusting.trustedCertificates = [nginx.certificatePEM]
        let client = try await deliveriesPerSecond(events, HTTPClientTransport(allowPrivateTargets: true), to: nginx.url)
        let baseline = try await deliveriesPerSecond(events, URLSessionTransport(), to: nginx.url)
        let tls = try await deliveriesPerSecond(events, HTTPClientTransport(allowPrivateTargets: true, configuration: trusting), to: nginx.tlsURL)
        return ["HTTPClient deliveries/s": client, "URLSession deliveries/s": baseline, "HTTPClient / URLSession": client / baseline,
                "HTTPClient over TLS deliveries/s": tls]
    }

    private static func deliveriesPerSecond(_ events: Int, _ transport: any WebhookTransport, to url: String) async throws -> Double {
        let setup = try await Setup.make(transport: transport, url: url, startDispatcher: false)
        defer { setup.scratch.remove() }
        for first in stride(from: 0, to: events, by: 500) { try await setup.publish(first..<min(first + 500, events)) }
        try await setup.bus.drain()
        let start = ContinuousClock.now
        await setup.webhooks.dispatcher.drain()
        let seconds = (ContinuousClock.now - start).seconds
        let delivered = try await setup.database.read { tx in
            try tx.scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'", as: Int.self) ?? 0
        }
        await setup.stop()
        guard delivered == events else {
            let outcomes = try await setup.database.read { tx in
                try tx.query("SELECT d.status, a.error_class, a.error_message, COUNT(*) AS n FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id GROUP BY 1, 2, 3")
                    .map { "\($0["status"]) \($0["error_class"]) \($0["error_message"]): \($0["n"])" }
            }
            throw CocoaError(.coderInvalidValue, userInfo: [NSLocalizedDescriptionKey: "\(delivered) of \(events) delivered: \(outcomes)"])
        }
        return Double(events) / seconds
    }

    /// A light load (100 events/s) to an in-process receiver that notes arrivals: commit → first attempt received,
    /// p50 and p99 in ms.
    static func latency(events: Int = 500, perSecond: Int = 100) async throws -> [String: Double] {
        let receiver = CountingReceiver()
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: receiver)
        let port = try server.start()
        let setup = try await Setup.make(transport: HTTPClientTransport(allowPrivateTargets: true), url: "http://127.0.0.1:\(port)/hooks",
                                         startDispatcher: true)
        defer { setup.scratch.remove() }
        let origin = ContinuousClock.now
        var committed = [String: ContinuousClock.Instant]()
        for i in 0..<events {
            let due = origin + .seconds(1) / perSecond * i
            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            committed[try await setup.publish(i).id] = .now
        }
        while receiver.count < events { try await Task.sleep(for: .milliseconds(5)) }
        await setup.stop()
        await server.shutdown(drainTimeout: .seconds(1))
        let latencies = receiver.arrivals.compactMap { key, at in committed[key.id].map { Double((at - $0).nanoseconds) / 1e6 } }
        return ["p50 ms": Statistics.percentile(latencies, 50), "p99 ms": Statistics.percentile(latencies, 99)]
    }

    /// The assembled services (dispatcher running or not) on a scratch database, sending through `transport`, with
    /// one endpoint at `url` subscribed to `user.created`: each event a new client, so each delivery is the first of
    /// its own ordered lane, as when clients are created.
    private struct Setup {
        static let event = "user.created"
        let scratch: ScratchDatabase
        let database: Database
        let scope: TenantScope
        let bus: EventBus
        let webhooks: Webhooks

        static func make(transport: any WebhookTransport, url: String, startDispatcher: Bool) async throws -> Setup {
            let scratch = ScratchDatabase()
            var configuration = Services.Configuration()
            configuration.webhooks.allowPrivateTargets = true
            configuration.transport = transport
            let services = try await Services.open(at: .sqlite(path: scratch.path), configuration, clock: SystemClock(), logger: .discard)
            await services.bus.start()
            if startDispatcher { await services.webhooks.dispatcher.start() }
            let scope = TenantScope(operatorID: "op_bench", mode: .test)
            _ = try await services.webhooks.createEndpoint(scope, NewWebhookEndpoint(url: url, events: [event]))
            return Setup(scratch: scratch, database: services.database, scope: scope, bus: services.bus, webhooks: services.webhooks)
        }

        @discardableResult
        func publish(_ number: Int) async throws -> Event {
            try await bus.publish(try ClientCreated.event(number, scope))
        }

        /// One event per number, all in one transaction (a quick backlog).
        func publish(_ numbers: Range<Int>) async throws {
            let scope = self.scope
            try await database.write { tx in for n in numbers { try tx.publish(try ClientCreated.event(n, scope)) } }
        }

        func stop() async {
            await webhooks.dispatcher.stop()
            await bus.stop()
        }
    }
}

/// Answers 204 and notes when each webhook id first arrived at each path (each endpoint).
final class CountingReceiver: HTTPHandler {
    struct Key: Hashable {
        let id: String
        let path: String
    }

    private let state = Mutex<[Key: ContinuousClock.Instant]>([:])

    var count: Int { state.withLock { $0.count } }
    var arrivals: [Key: ContinuousClock.Instant] { state.withLock { $0 } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let now = ContinuousClock.now
        if let id = request.headers["webhook-id"] {
            let key = Key(id: id, path: request.path)
            state.withLock { if $0[key] == nil { $0[key] = now } }
        }
        return HTTPResponse(status: 204)
    }
}

/// The payload of `user.created` for client number `n`: what Accounts publishes, as far as its subscribers read it.
struct ClientCreated: Encodable {
    struct User: Encodable {
        let id: String
        let planID = "plan_bench"
        let status = "active"

        enum CodingKeys: String, CodingKey { case id, status, planID = "plan_id" }
    }

    let user: User
    let source = "api"

    static func event(_ n: Int, _ scope: TenantScope) throws -> NewEvent {
        try NewEvent(type: "user.created", tenant: scope.operatorID, mode: scope.mode, payload: ClientCreated(user: User(id: "usr_bench\(n)")))
    }
}
