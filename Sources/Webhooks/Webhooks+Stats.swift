import Kernel

extension Webhooks {
    /// Per event type: delivered, delivered after retry and failed (deliveries that finished in the last `days` IST
    /// days, today included), retrying and pending now, success rate, p50/p95 latency of the successful attempts, and
    /// per-day counts. Read from counters kept as attempts finish (rolled up per IST day; per endpoint and IST hour for
    /// `endpointID`, which narrows it to one endpoint), so the cost does not grow with the delivery log. Test sends
    /// excluded.
    public func stats(_ scope: TenantScope, days: Int = 7, endpointID: String? = nil) async throws -> WebhookStats {
        guard (1...90).contains(days) else { throw DomainError.invalidField("days", "must be 1…90") }
        let first = IST.day(of: clock.now()).adding(days: -Int64(days - 1))
        let (finished, open) = try await database.read { tx in
            guard let endpointID else {
                return (try tx.query(
                    """
                    SELECT event_type, ist_day, delivered, delivered_after_retry, failed, latency FROM webhook_stats_daily
                    WHERE operator_id = ? AND mode = ? AND ist_day >= ?
                    """, [scope.operatorID, scope.mode, first.daysSinceEpoch]),
                        try tx.query("SELECT event_type, pending, retrying FROM webhook_stats_open WHERE operator_id = ? AND mode = ?",
                                     [scope.operatorID, scope.mode]))
            }
            _ = try Self.endpoint(endpointID, scope, tx)
            return (try tx.query(
                """
                SELECT event_type, ist_hour / 24 AS ist_day, delivered, delivered_after_retry, failed, latency FROM webhook_stats_hourly
                WHERE endpoint_id = ? AND ist_hour >= ?
                """, [endpointID, first.daysSinceEpoch * 24]),
                    try tx.query("SELECT event_type, pending, retrying FROM webhook_stats_open WHERE endpoint_id = ?", [endpointID]))
        }
        var tally = [String: StatsTally]()
        for row in finished {
            tally[try row.get("event_type"), default: StatsTally(first: first, days: days)].add(
                day: CivilDate(daysSinceEpoch: try row.get("ist_day")), delivered: try row.get("delivered"), afterRetry: try row.get("delivered_after_retry"),
                failed: try row.get("failed"), latency: LatencySketch(text: try row.get("latency")))
        }
        for row in open {
            tally[try row.get("event_type"), default: StatsTally(first: first, days: days)].addOpen(
                pending: try row.get("pending"), retrying: try row.get("retrying"))
        }
        return WebhookStats(days: days, data: WebhookEventType.allCases.map { type in
            (tally[type.rawValue] ?? StatsTally(first: first, days: days)).stats(type.rawValue)
        })
    }
}
