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
        for i in 0..<events { try await setup.publish(i) }
        try await setup.bus.drain()
        let start = ContinuousClock.now
        await setup.webhooks.dispatcher.drain()
        let seconds = (ContinuousClock.now - start).seconds
        let delivered = try await setup.database.read { tx in
            try tx.scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'", as: Int.self) ?? 0
        }
        await setup.stop()
        guard delivered == events else { throw CocoaError(.coderInvalidValue, userInfo: [NSLocalizedDescriptionKey: "\(delivered) of \(events) delivered"]) }
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
        let latencies = receiver.arrivals.compactMap { id, at in committed[id].map { Double((at - $0).nanoseconds) / 1e6 } }
        return ["p50 ms": Statistics.percentile(latencies, 50), "p99 ms": Statistics.percentile(latencies, 99)]
    }

    /// The assembled services (dispatcher running or not) on a scratch database, sending through `transport`, with
    /// one endpoint at `url` subscribed to `usage.daily`: an event only Webhooks consumes, so the bus carries nothing
    /// but the deliveries measured.
    private struct Setup {
        static let event = "usage.daily"
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
            try await bus.publish(NewEvent(type: Self.event, tenant: scope.operatorID, mode: scope.mode, payload: ["n": number]))
        }

        func stop() async {
            await webhooks.dispatcher.stop()
            await bus.stop()
        }
    }
}

/// Answers 204 and notes when each webhook id first arrived.
final class CountingReceiver: HTTPHandler {
    private let state = Mutex<[String: ContinuousClock.Instant]>([:])

    var count: Int { state.withLock { $0.count } }
    var arrivals: [String: ContinuousClock.Instant] { state.withLock { $0 } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let now = ContinuousClock.now
        if let id = request.headers["webhook-id"] { state.withLock { if $0[id] == nil { $0[id] = now } } }
        return HTTPResponse(status: 204)
    }
}
