import Kernel

/// Changes to the stats counters, gathered while a batch of deliveries changes and written once with it: deliveries
/// open now (pending, retrying) per endpoint and event type, and those that finished per endpoint, event type and IST
/// hour, with a ``LatencySketch`` of the successful attempts, rolled up per operator, mode, event type and IST day too
/// (what the stats the dashboard loads read). Test sends are not counted.
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

    private struct DayKey: Hashable {
        let eventType: String
        let day: Int64
        let tenant: TenantScope
    }

    private struct Finished {
        var delivered = 0
        var deliveredAfterRetry = 0
        var failed = 0
        var latency = LatencySketch()

        mutating func add(_ other: Finished) {
            delivered += other.delivered
            deliveredAfterRetry += other.deliveredAfterRetry
            failed += other.failed
            latency.merge(other.latency)
        }
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
        var days = [DayKey: Finished]()
        for (key, counts) in finished {
            try Self.add(counts, into: "webhook_stats_hourly", key: [("endpoint_id", key.endpoint), ("event_type", key.eventType), ("ist_hour", key.hour)],
                         also: [("operator_id", key.tenant.operatorID), ("mode", key.tenant.mode)], tx)
            days[DayKey(eventType: key.eventType, day: key.hour.floorDivided(by: 24), tenant: key.tenant), default: Finished()].add(counts)
        }
        for (key, counts) in days {
            try Self.add(counts, into: "webhook_stats_daily", key: [("operator_id", key.tenant.operatorID), ("mode", key.tenant.mode),
                                                                   ("event_type", key.eventType), ("ist_day", key.day)], also: [], tx)
        }
    }

    /// Adds `counts` to the row of `table` whose primary key is `key` (created with the `also` columns), merging the
    /// latency sketch.
    private static func add(_ counts: Finished, into table: String, key: [(String, any SQLValueConvertible)],
                            also: [(String, any SQLValueConvertible)], _ tx: Transaction) throws {
        var latency = counts.latency
        if latency.count > 0, let stored = try tx.scalar(
            "SELECT latency FROM \(table) WHERE \(key.map { "\($0.0) = ?" }.joined(separator: " AND "))", key.map(\.1), as: String.self) {
            latency.merge(LatencySketch(text: stored))
        }
        let columns = (key + also).map(\.0) + ["delivered", "delivered_after_retry", "failed", "latency"]
        try tx.execute(
            """
            INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(\(key.map(\.0).joined(separator: ", "))) DO UPDATE SET delivered = \(table).delivered + excluded.delivered,
                delivered_after_retry = \(table).delivered_after_retry + excluded.delivered_after_retry, failed = \(table).failed + excluded.failed,
                latency = CASE WHEN excluded.latency = '' THEN \(table).latency ELSE excluded.latency END
            """,
            (key + also).map(\.1) + [counts.delivered, counts.deliveredAfterRetry, counts.failed, latency.text])
    }
}
