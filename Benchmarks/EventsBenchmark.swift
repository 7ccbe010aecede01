import Accounts
import Assembly
import Foundation
import HTTPServer
import Kernel

/// The events API against the other lists: an operator with 20,000 clients (so 20,000 `user.created` in its live
/// outbox, among another operator's 20,000), then pages of 100 read through the whole in-process Gateway (routing,
/// authentication, the query, JSON). Each figure is the median of 200 requests, in milliseconds. The clients are
/// created under `durability normal` to keep the set-up short; the reads do not depend on it.
enum EventsBenchmark {
    static let requests = 200

    static func pages(clients: Int = 20_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        var configuration = Services.Configuration()
        configuration.enforceQuotas = false
        configuration.storage = SQLiteEngine.Settings(durability: .normal)
        let services = try await Services.open(at: .sqlite(path: scratch.path), configuration, clock: SystemClock(), logger: .discard)
        await services.bus.start()
        let started = SystemClock().now()
        let key = try await services.operatorWithClients(clients, slug: "bench").created.keys[.live]!
        let middle = RFC3339.format(started + (SystemClock().now() - started) / 2, fractional: false)
        _ = try await services.operatorWithClients(clients, slug: "other")
        let gateway = services.gateway(logger: .discard)

        var figures = [String: Double]()
        for (name, target) in [
            ("users, newest 100 ms", "/v1/wl/users?limit=100"),
            ("events, newest 100 ms", "/v1/wl/events?limit=100"),
            ("events of one type, newest 100 ms", "/v1/wl/events?limit=100&type=user.created"),
            ("events, the oldest 100 ms", "/v1/wl/events?limit=100&order=asc"),
            ("events from the middle of the range, oldest first, 100 ms", "/v1/wl/events?limit=100&order=asc&created[gte]=\(middle)"),
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

    struct BenchmarkFailure: Error {
        let target: String
        let status: Int
    }
}
