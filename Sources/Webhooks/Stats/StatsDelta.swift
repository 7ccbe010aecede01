import Kernel

/// Changes to the stats counters, gathered while a batch of deliveries changes and written once with it: deliveries
/// open now (pending, retrying) per endpoint and event type, and those that finished per endpoint, event type and IST
/// hour, with a ``LatencySketch`` of the successful attempts. Test sends are not counted.
struct StatsDelta {
    private struct OpenKey: Hashable {
        let endpoint: String
        let eventType: String
        let tenant: TenantScope
    }

    private struct HourKey: Hashable {
        let endpoint: String
        let eventType: String
        let hour: Int64
        let tenant: TenantScope
    }

    private struct Finished {
        var delivered = 0
        var deliveredAfterRetry = 0
        var failed = 0
        var latency = LatencySketch()
    }

    private var open: [OpenKey: (pending: Int, retrying: Int)] = [:]
    private var finished: [HourKey: Finished] = [:]

    /// The IST hour `time` falls in, counted from the epoch (24 of them make an IST day).
    static func hour(of time: Timestamp) -> Int64 {
        (time.milliseconds + IST.offsetMilliseconds).floorDivided(by: 3_600_000)
    }

    /// A delivery was created (pending).
    mutating func opened(endpoint: String, eventType: String, tenant: TenantScope, count: Int = 1) {
        open[OpenKey(endpoint: endpoint, eventType: eventType, tenant: tenant), default: (0, 0)].pending += count
    }

    /// `count` deliveries went from `old` to `new` at `time`; `latency` is the successful attempt's, for a delivery.
    mutating func moved(
        endpoint: String, eventType: String, tenant: TenantScope, from old: DeliveryStatus, to new: DeliveryStatus, at time: Timestamp,
        latency: Int? = nil, count: Int = 1
    ) {
        guard old != new else { return }
        let key = OpenKey(endpoint: endpoint, eventType: eventType, tenant: tenant)
        if old == .pending { open[key, default: (0, 0)].pending -= count }
        if old == .retrying { open[key, default: (0, 0)].retrying -= count }
        switch new {
        case .pending: open[key, default: (0, 0)].pending += count
        case .retrying: open[key, default: (0, 0)].retrying += count
        case .delivered, .deliveredAfterRetry, .failed:
            let hourKey = HourKey(endpoint: endpoint, eventType: eventType, hour: Self.hour(of: time), tenant: tenant)
            var counts = finished[hourKey] ?? Finished()
            switch new {
            case .delivered: counts.delivered += count
            case .deliveredAfterRetry: counts.deliveredAfterRetry += count
            default: counts.failed += count
            }
            if let latency { counts.latency.add(milliseconds: latency) }
            finished[hourKey] = counts
        }
    }

    var isEmpty: Bool { open.isEmpty && finished.isEmpty }

    func write(_ tx: Transaction) throws {
        for (key, change) in open where change != (0, 0) {
            try tx.execute(
                """
                INSERT INTO webhook_stats_open(endpoint_id, event_type, operator_id, mode, pending, retrying) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(endpoint_id, event_type) DO UPDATE SET pending = webhook_stats_open.pending + excluded.pending,
                    retrying = webhook_stats_open.retrying + excluded.retrying
                """,
                [key.endpoint, key.eventType, key.tenant.operatorID, key.tenant.mode, change.pending, change.retrying])
        }
        for (key, counts) in finished {
            var latency = counts.latency
            if latency.count > 0, let stored = try tx.scalar(
                "SELECT latency FROM webhook_stats_hourly WHERE endpoint_id = ? AND event_type = ? AND ist_hour = ?",
                [key.endpoint, key.eventType, key.hour], as: String.self) {
                latency.merge(LatencySketch(text: stored))
            }
            try tx.execute(
                """
                INSERT INTO webhook_stats_hourly(endpoint_id, event_type, ist_hour, operator_id, mode, delivered, delivered_after_retry, failed, latency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(endpoint_id, event_type, ist_hour) DO UPDATE SET delivered = webhook_stats_hourly.delivered + excluded.delivered,
                    delivered_after_retry = webhook_stats_hourly.delivered_after_retry + excluded.delivered_after_retry,
                    failed = webhook_stats_hourly.failed + excluded.failed,
                    latency = CASE WHEN excluded.latency = '' THEN webhook_stats_hourly.latency ELSE excluded.latency END
                """,
                [key.endpoint, key.eventType, key.hour, key.tenant.operatorID, key.tenant.mode, counts.delivered, counts.deliveredAfterRetry,
                 counts.failed, latency.text])
        }
    }
}
