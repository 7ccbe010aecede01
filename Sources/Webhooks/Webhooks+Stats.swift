import Kernel

extension Webhooks {
    /// Per event type: delivered, delivered after retry, failed, retrying, success rate, p50/p95 latency of
    /// successful attempts, and per-day counts for the last `days` IST days (today included). Test sends excluded.
    public func stats(_ scope: TenantScope, days: Int = 7) async throws -> WebhookStats {
        guard (1...90).contains(days) else { throw DomainError.invalidField("days", "must be 1…90") }
        let today = IST.day(of: clock.now())
        let first = today.adding(days: -Int64(days - 1))
        let since = IST.start(of: first)
        let rows = try await database.read { tx in
            try tx.query(
                "SELECT event_type, status, created_at, last_latency_ms FROM webhook_deliveries WHERE operator_id = ? AND mode = ? AND is_test = 0 AND created_at >= ?",
                [scope.operatorID, scope.mode, since]
            ).map { (type: try $0.get("event_type", as: String.self), status: try $0.get("status", as: DeliveryStatus.self),
                     day: IST.day(of: try $0.get("created_at", as: Timestamp.self)), latency: try $0.get("last_latency_ms", as: Int?.self)) }
        }
        let dates = (0..<Int64(days)).map { first.adding(days: $0) }
        let data = WebhookEventType.allCases.map { type -> EventTypeStats in
            let mine = rows.filter { $0.type == type.rawValue }
            func count(_ status: DeliveryStatus) -> Int { mine.filter { $0.status == status }.count }
            let (delivered, afterRetry, failed) = (count(.delivered), count(.deliveredAfterRetry), count(.failed))
            let finished = delivered + afterRetry + failed
            let latencies = mine.filter(\.status.isDelivered).compactMap(\.latency).sorted()
            let daily = dates.map { date in
                DayStats(date: date.description,
                         delivered: mine.filter { $0.day == date && $0.status.isDelivered }.count,
                         failed: mine.filter { $0.day == date && $0.status == .failed }.count)
            }
            return EventTypeStats(
                eventType: type.rawValue, delivered: delivered, deliveredAfterRetry: afterRetry, failed: failed,
                retrying: count(.retrying), pending: count(.pending),
                successRate: finished == 0 ? nil : Double(delivered + afterRetry) / Double(finished),
                latencyP50Ms: Self.percentile(latencies, 50), latencyP95Ms: Self.percentile(latencies, 95), daily: daily)
        }
        return WebhookStats(days: days, data: data)
    }

    static func percentile(_ sorted: [Int], _ p: Int) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * sorted.count + 99) / 100
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}
