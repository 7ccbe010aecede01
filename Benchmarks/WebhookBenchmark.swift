import Foundation
import HTTPServer
import Kernel
import Synchronization
import Webhooks

/// Signed webhook deliveries to a local keep-alive receiver (this project's HTTP server, in process).
enum WebhookBenchmark {
    /// A backlog of committed events (deliveries already queued), then the dispatcher started: signed deliveries/s
    /// from first send to last receipt, the figure the delivery path alone sustains.
    static func throughput(events: Int = 10_000) async throws -> [String: Double] {
        let setup = try await Setup.make(startDispatcher: false)
        defer { setup.scratch.remove() }
        for i in 0..<events {
            try await setup.bus.publish(NewEvent(type: "user.created", tenant: setup.scope.operatorID, mode: setup.scope.mode, payload: ["n": i]))
        }
        try await setup.bus.drain()
        let start = ContinuousClock.now
        await setup.webhooks.dispatcher.start()
        while setup.receiver.count < events { try await Task.sleep(for: .milliseconds(2)) }
        let seconds = (ContinuousClock.now - start).seconds
        await setup.stop()
        return ["signed deliveries/s": Double(events) / seconds]
    }

    /// A light load (100 events/s): commit → first attempt received, p50 and p99 in ms.
    static func latency(events: Int = 500, perSecond: Int = 100) async throws -> [String: Double] {
        let setup = try await Setup.make(startDispatcher: true)
        defer { setup.scratch.remove() }
        let origin = ContinuousClock.now
        var committed = [String: ContinuousClock.Instant]()
        for i in 0..<events {
            let due = origin + .seconds(1) / perSecond * i
            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            let event = try await setup.bus.publish(NewEvent(type: "user.created", tenant: setup.scope.operatorID, mode: setup.scope.mode, payload: ["n": i]))
            committed[event.id] = .now
        }
        while setup.receiver.count < events { try await Task.sleep(for: .milliseconds(5)) }
        await setup.stop()
        let latencies = setup.receiver.arrivals.compactMap { id, at in committed[id].map { Double((at - $0).nanoseconds) / 1e6 } }
        return ["p50 ms": Statistics.percentile(latencies, 50), "p99 ms": Statistics.percentile(latencies, 99)]
    }

    /// Database, bus, webhooks (dispatcher running or not), and a receiver subscribed to `user.created`.
    private struct Setup {
        let scratch: ScratchDatabase
        let scope: TenantScope
        let bus: EventBus
        let webhooks: Webhooks
        let receiver: CountingReceiver
        let server: HTTPServer

        static func make(startDispatcher: Bool) async throws -> Setup {
            let scratch = ScratchDatabase()
            let db = try scratch.open()
            try await db.migrate(WebhooksSchema.migrations)
            var settings = Webhooks.Settings()
            settings.allowPrivateTargets = true
            let webhooks = Webhooks(database: db, transport: URLSessionTransport(), settings: settings)
            let bus = EventBus(database: db)
            await bus.subscribe(webhooks.eventHandler)
            await bus.start()
            if startDispatcher { await webhooks.dispatcher.start() }
            let receiver = CountingReceiver()
            let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: receiver)
            let port = try server.start()
            let scope = TenantScope(operatorID: "op_bench", mode: .test)
            _ = try await webhooks.createEndpoint(scope, NewWebhookEndpoint(url: "http://127.0.0.1:\(port)/hooks", events: ["user.created"]))
            return Setup(scratch: scratch, scope: scope, bus: bus, webhooks: webhooks, receiver: receiver, server: server)
        }

        func stop() async {
            await webhooks.dispatcher.stop()
            await bus.stop()
            await server.shutdown(drainTimeout: .seconds(1))
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
