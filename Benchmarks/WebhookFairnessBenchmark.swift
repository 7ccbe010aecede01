import Assembly
import Foundation
import HTTPServer
import Kernel
import Synchronization
import Webhooks

/// Many tenants on one node, one of them failing: 1,000 endpoints of 100 operators, every endpoint of one operator
/// pointing at a receiver that never answers (its attempts run into the 10 s timeout) with a backlog behind it, while
/// every operator's clients keep arriving. Measures each healthy delivery from its event's commit to its first attempt
/// reaching the receiver.
enum WebhookFairnessBenchmark {
    static func run(tenants: Int = 100, endpointsPerTenant: Int = 10, failingBacklog: Int = 2_000, eventsPerSecond: Int = 100,
                    seconds: Int = 10) async throws -> [String: Double] {
        let healthy = CountingReceiver(), silent = SilentReceiver()
        let healthyServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: healthy)
        let silentServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: silent)
        let (healthyPort, silentPort) = (try healthyServer.start(), try silentServer.start())
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        var configuration = Services.Configuration()
        configuration.webhooks.allowPrivateTargets = true
        let services = try await Services.open(at: .sqlite(path: scratch.path), configuration, clock: SystemClock(), logger: .discard)
        await services.bus.start()
        await services.webhooks.dispatcher.start()

        let scopes = (0..<tenants).map { TenantScope(operatorID: "op_bench\($0)", mode: .live) }
        for (k, scope) in scopes.enumerated() {
            let base = k == 0 ? "http://127.0.0.1:\(silentPort)" : "http://127.0.0.1:\(healthyPort)"
            for j in 0..<endpointsPerTenant {
                _ = try await services.webhooks.createEndpoint(scope, NewWebhookEndpoint(url: "\(base)/t\(k)/e\(j)", events: ["user.created"]))
            }
        }
        var number = 0
        for _ in stride(from: 0, to: failingBacklog, by: 500) {
            let first = number
            number += 500
            try await services.database.write { tx in for n in first..<first + 500 { try tx.publish(try ClientCreated.event(n, scopes[0])) } }
        }

        var committed = [String: ContinuousClock.Instant]()
        let origin = ContinuousClock.now, total = eventsPerSecond * seconds
        for i in 0..<total {
            let due = origin + .seconds(1) / eventsPerSecond * i
            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            number += 2
            let event = try await services.bus.publish(try ClientCreated.event(number, scopes[1 + i % (tenants - 1)]))
            committed[event.id] = .now
            try await services.bus.publish(try ClientCreated.event(number + 1, scopes[0]))
        }
        let expected = total * endpointsPerTenant, deadline = ContinuousClock.now + .seconds(60)
        while healthy.count < expected && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let latencies = healthy.arrivals.compactMap { key, at in committed[key.id].map { Double((at - $0).nanoseconds) / 1e6 } }
        await services.webhooks.dispatcher.stop(drainTimeout: .seconds(1))
        await services.bus.stop()
        await healthyServer.shutdown(drainTimeout: .seconds(1))
        await silentServer.shutdown(drainTimeout: .seconds(1))
        return ["healthy deliveries": Double(latencies.count), "healthy deliveries expected": Double(expected),
                "commit → first attempt p50 ms": Statistics.percentile(latencies, 50), "commit → first attempt p99 ms": Statistics.percentile(latencies, 99),
                "commit → first attempt max ms": latencies.max() ?? .nan, "failing tenant's requests received": Double(silent.count)]
    }
}

/// Takes requests and never answers them (until the server shuts down): a receiver that times every attempt out.
final class SilentReceiver: HTTPHandler {
    private let received = Mutex(0)

    var count: Int { received.withLock { $0 } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        received.withLock { $0 += 1 }
        try? await Task.sleep(for: .seconds(60))
        return HTTPResponse(status: 204)
    }
}
