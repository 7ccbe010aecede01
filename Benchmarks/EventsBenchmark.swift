import Accounts
import Assembly
import Foundation
import HTTPServer
import Kernel

/// The events API against the other lists: an operator with 20,000 clients (so 20,000 `user.created` in its live
/// outbox, among another operator's 20,000), then pages of 100 read through the whole in-process Gateway (routing,
/// authentication, the query, JSON). Each figure is the median of 200 requests, in milliseconds.
enum EventsBenchmark {
    static let requests = 200

    static func pages(clients: Int = 20_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        var configuration = Services.Configuration()
        configuration.enforceQuotas = false
        let services = try await Services.open(at: scratch.path, configuration, clock: SystemClock(), logger: .discard)
        await services.bus.start()
        let key = try await enrol(clients, in: services, slug: "bench")
        _ = try await enrol(clients, in: services, slug: "other")
        let middle = RFC3339.format(SystemClock().now() - .seconds(1), fractional: false)
        let gateway = services.gateway(logger: .discard)

        var figures = [String: Double]()
        for (name, target) in [
            ("users, newest 100 ms", "/v1/wl/users?limit=100"),
            ("events, newest 100 ms", "/v1/wl/events?limit=100"),
            ("events of one type, newest 100 ms", "/v1/wl/events?limit=100&type=user.created"),
            ("events, the oldest 100 ms", "/v1/wl/events?limit=100&order=asc"),
            ("events since a second ago, oldest first, 100 ms", "/v1/wl/events?limit=100&order=asc&created[gte]=\(middle)"),
        ] {
            figures[name] = try await medianMilliseconds(gateway, target, key: key)
        }
        await services.bus.stop()
        return figures
    }

    private static func medianMilliseconds(_ gateway: some HTTPHandler, _ target: String, key: String) async throws -> Double {
        var samples = [Double]()
        for _ in 0..<requests {
            let start = ContinuousClock.now
            let response = await gateway.handle(HTTPRequest(method: .get, target: target, headers: ["Authorization": "Bearer \(key)"]))
            samples.append((ContinuousClock.now - start).seconds * 1000)
            guard response.status == 200 else { throw BenchmarkFailure(target: target, status: response.status) }
        }
        return Statistics.median(samples)
    }

    /// An operator with `count` clients created through Accounts, in batches of 100; returns its live key.
    private static func enrol(_ count: Int, in services: Services, slug: String) async throws -> String {
        let created = try await services.accounts.createOperator(NewOperator(name: slug, slug: slug))
        let scope = TenantScope(operatorID: created.operator.id, mode: .live)
        let plan = try await services.accounts.listPlans(scope)[0].id
        for batch in stride(from: 0, to: count, by: 100) {
            let users = (batch..<min(batch + 100, count)).map { NewUser(email: "client\($0)@\(slug).test", phone: "+919800000000", planID: plan) }
            for case .failure(let error) in await services.accounts.createUsers(scope, users) { throw error }
        }
        try await services.bus.drain()
        return created.keys[.live]!
    }

    struct BenchmarkFailure: Error {
        let target: String
        let status: Int
    }
}
