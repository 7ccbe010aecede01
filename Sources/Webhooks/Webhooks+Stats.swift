import Kernel

extension Webhooks {
    /// Per event type: delivered, delivered after retry and failed (deliveries that finished in the last `days` IST
    /// days, today included), retrying and pending now, success rate, p50/p95 latency of the successful attempts, and
    /// per-day counts. Read from counters kept as attempts finish (per endpoint, event type and IST hour), so the cost
    /// does not grow with the delivery log. Test sends excluded. `endpointID` narrows it to one endpoint.
    public func stats(_ scope: TenantScope, days: Int = 7, endpointID: String? = nil) async throws -> WebhookStats {
        guard (1...90).contains(days) else { throw DomainError.invalidField("days", "must be 1…90") }
        let today = IST.day(of: clock.now())
        let first = today.adding(days: -Int64(days - 1))
        let firstHour = first.daysSinceEpoch * 24
        var filter = "operator_id = ? AND mode = ?"
        var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode]
        if let endpointID {
            filter += " AND endpoint_id = ?"
            arguments.append(endpointID)
        }
        let (hours, open) = try await database.read { [filter, arguments] tx in
            if let endpointID { _ = try Self.endpoint(endpointID, scope, tx) }
            let hours = try tx.query(
                "SELECT event_type, ist_hour, delivered, delivered_after_retry, failed, latency FROM webhook_stats_hourly WHERE \(filter) AND ist_hour >= ?",
                arguments + [firstHour])
            let open = try tx.query("SELECT event_type, pending, retrying FROM webhook_stats_open WHERE \(filter)", arguments)
            return (hours, open)
        }
        var tally = [String: StatsTally]()
        for row in hours {
            let day = CivilDate(daysSinceEpoch: try row.get("ist_hour", as: Int64.self).floorDivided(by: 24))
            tally[try row.get("event_type"), default: StatsTally(first: first, days: days)].add(
                day: day, delivered: try row.get("delivered"), afterRetry: try row.get("delivered_after_retry"), failed: try row.get("failed"),
                latency: LatencySketch(text: try row.get("latency")))
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
