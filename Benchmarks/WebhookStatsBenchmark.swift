import Assembly
import Foundation
import Kernel
import Webhooks

/// `GET /v1/wl/webhook-stats` (what the dashboard loads every time) on a log of a million deliveries: an operator's
/// 10 endpoints, 8 event types, over 30 days, with the counters the dispatcher keeps as attempts finish. Also times
/// the scan of the log the counters replaced, on the same file.
enum WebhookStatsBenchmark {
    static func run(deliveries: Int = 1_000_000, endpoints: Int = 10, calls: Int = 200) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        var configuration = Services.Configuration()
        configuration.webhooks.allowPrivateTargets = true
        let services = try await Services.open(at: .sqlite(path: scratch.path), configuration, clock: SystemClock(), logger: .discard)
        let scope = TenantScope(operatorID: "op_stats", mode: .live)
        var ids = [String]()
        for j in 0..<endpoints {
            ids.append(try await services.webhooks.createEndpoint(scope, NewWebhookEndpoint(url: "http://127.0.0.1:9999/e\(j)", events: ["user.created"])).id)
        }
        try await History(endpoints: ids, scope: scope, deliveries: deliveries, now: services.database.clock.now()).write(to: services.database)

        var figures = [String: Double]()
        for days in [7, 30, 90] {
            var times = [Double]()
            for _ in 0..<calls {
                let start = ContinuousClock.now
                _ = try await services.webhooks.stats(scope, days: days)
                times.append(Double((ContinuousClock.now - start).nanoseconds) / 1e6)
            }
            figures["stats, \(days) days, median ms"] = Statistics.median(times)
            figures["stats, \(days) days, p99 ms"] = Statistics.percentile(times, 99)
        }
        var perEndpoint = [Double]()
        for _ in 0..<calls {
            let start = ContinuousClock.now
            _ = try await services.webhooks.stats(scope, days: 7, endpointID: ids[0])
            perEndpoint.append(Double((ContinuousClock.now - start).nanoseconds) / 1e6)
        }
        figures["stats of one endpoint, 7 days, median ms"] = Statistics.median(perEndpoint)
        let since = services.database.clock.now() - .seconds(7 * 86_400)
        let start = ContinuousClock.now
        let scanned = try await services.database.read { tx in
            try tx.query("SELECT event_type, status, created_at, last_latency_ms FROM webhook_deliveries WHERE operator_id = ? AND mode = ? AND is_test = 0 AND created_at >= ?",
                         [scope.operatorID, scope.mode, since]).count
        }
        figures["the scan it replaced, 7 days, ms (one run)"] = Double((ContinuousClock.now - start).nanoseconds) / 1e6
        figures["deliveries in the 7-day scan"] = Double(scanned)
        return figures
    }

    /// A month of finished deliveries spread evenly over the endpoints, event types and hours, with the counters and
    /// latency sketches the recorder would have kept for them (per endpoint and hour, and per IST day).
    private struct History {
        let endpoints: [String]
        let scope: TenantScope
        let deliveries: Int
        let now: Timestamp

        func write(to database: Database) async throws {
            let types = WebhookEventType.allCases.map(\.rawValue), span: Int64 = 30 * 86_400_000
            let (endpoints, scope, deliveries, now) = (self.endpoints, self.scope, self.deliveries, self.now)
            var hourly = [String: Counter](), daily = [String: Counter]()
            for first in stride(from: 0, to: deliveries, by: 20_000) {
                let batch = (first..<min(first + 20_000, deliveries)).map { n in
                    (endpoint: endpoints[n % endpoints.count], type: types[n % types.count], at: now - .milliseconds(span * Int64(n) / Int64(deliveries)),
                     delivered: n % 50 != 0, latency: 20 + n % 400)
                }
                for row in batch {
                    let hour = (row.at.milliseconds + IST.offsetMilliseconds).floorDivided(by: 3_600_000)
                    hourly["\(row.endpoint) \(row.type) \(hour)", default: Counter()].add(row.delivered, row.latency)
                    daily["\(row.type) \(hour.floorDivided(by: 24))", default: Counter()].add(row.delivered, row.latency)
                }
                try await database.write { tx in
                    for row in batch {
                        try tx.execute(
                            """
                            INSERT INTO webhook_deliveries(id, operator_id, mode, endpoint_id, event_id, event_type, payload, status, attempt_count,
                                last_status_code, last_latency_ms, created_at, completed_at)
                            VALUES (?, ?, ?, ?, ?, ?, '{}', ?, 1, ?, ?, ?, ?)
                            """,
                            [Identifier.make(.webhookDelivery), scope.operatorID, scope.mode, row.endpoint, Identifier.make(.event), row.type,
                             row.delivered ? "delivered" : "failed", row.delivered ? 204 : 500, row.latency, row.at, row.at])
                    }
                }
            }
            let hours = hourly.map { ($0.key.split(separator: " ").map(String.init), $0.value) }
            let days = daily.map { ($0.key.split(separator: " ").map(String.init), $0.value) }
            try await database.write { tx in
                for (key, counter) in hours {
                    try tx.execute(
                        """
                        INSERT INTO webhook_stats_hourly(endpoint_id, event_type, ist_hour, operator_id, mode, delivered, failed, latency)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        [key[0], key[1], Int64(key[2])!, scope.operatorID, scope.mode, counter.delivered, counter.failed, counter.latency.text])
                }
                for (key, counter) in days {
                    try tx.execute(
                        "INSERT INTO webhook_stats_daily(operator_id, mode, event_type, ist_day, delivered, failed, latency) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [scope.operatorID, scope.mode, key[0], Int64(key[1])!, counter.delivered, counter.failed, counter.latency.text])
                }
            }
        }
    }

    /// One counters row: what the dispatcher's records add up to.
    private struct Counter {
        var delivered = 0
        var failed = 0
        var latency = LatencySketch()

        mutating func add(_ wasDelivered: Bool, _ milliseconds: Int) {
            if wasDelivered {
                delivered += 1
                latency.add(milliseconds: milliseconds)
            } else {
                failed += 1
            }
        }
    }
}
