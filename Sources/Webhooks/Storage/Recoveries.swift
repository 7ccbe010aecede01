import Kernel

/// The recoveries' rows: created with their count, fed a window of deliveries at a time from the event log (in the
/// order the events occurred, after a cursor), counted as their deliveries finish, cancelled when their endpoint stops.
enum Recoveries {
    /// A running recovery as the dispatcher paces it.
    struct Running: Sendable {
        let id: String
        let endpoint: String
        let tenant: TenantScope
        /// Deliveries created and not yet finished.
        let open: Int
        /// Every delivery it needs is created (only their outcomes are awaited).
        let fullyFed: Bool
    }

    /// What one feed did.
    struct Fed: Sendable {
        let inserted: Int
        /// The recovery's deliveries created and not yet finished, these included.
        let open: Int
        /// Every event of the range has its delivery (or the recovery stopped): nothing more to feed.
        let done: Bool
    }

    static let columns = "id, endpoint_id, since, until, status, total, queued, delivered, failed, mode, created_at, completed_at"

    static func insert(_ id: String, _ scope: TenantScope, endpoint: String, since: Timestamp, until: Timestamp, types: [String], total: Int,
                       _ tx: Transaction) throws {
        try tx.execute(
            """
            INSERT INTO webhook_recoveries(id, operator_id, mode, endpoint_id, since, until, event_types, status, total, created_at, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [id, scope.operatorID, scope.mode, endpoint, since, until, types.joined(separator: ","), total == 0 ? RecoveryStatus.completed : .running,
             total, tx.now, total == 0 ? tx.now : nil])
    }

    static func find(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> WebhookRecovery {
        guard let row = try tx.queryOne("SELECT \(columns) FROM webhook_recoveries WHERE id = ? AND operator_id = ? AND mode = ?",
                                        [id, scope.operatorID, scope.mode])
        else { throw DomainError.notFound(.webhookRecovery, id) }
        return try recovery(row)
    }

    /// The endpoint's recoveries, newest first.
    static func list(endpoint: String, limit: Int, _ tx: Transaction) throws -> [WebhookRecovery] {
        try tx.query("SELECT \(columns) FROM webhook_recoveries WHERE endpoint_id = ? ORDER BY created_at DESC, id LIMIT ?", [endpoint, limit])
            .map(recovery)
    }

    static func running(_ tx: Transaction) throws -> [Running] {
        try tx.query("SELECT id, endpoint_id, operator_id, mode, queued, total, delivered, failed FROM webhook_recoveries WHERE status = 'running'").map {
            Running(id: try $0.get("id"), endpoint: try $0.get("endpoint_id"),
                    tenant: TenantScope(operatorID: try $0.get("operator_id"), mode: try $0.get("mode")),
                    open: try $0.get("queued", as: Int.self) - $0.get("delivered", as: Int.self) - $0.get("failed", as: Int.self),
                    fullyFed: try $0.get("queued", as: Int.self) >= $0.get("total", as: Int.self))
        }
    }

    /// Creates more of the recovery's deliveries (after the live ones in its endpoint's queue), up to `window` open.
    /// The recovery's row is locked first (a no-op update): two replicas feeding it at once take turns, the second
    /// reading the first's cursor, so no event is queued twice and at most `window` are open in the whole cluster.
    static func feed(_ id: String, window: Int, apiVersion: String, stats: inout StatsDelta, _ tx: Transaction) throws -> Fed {
        try tx.execute("UPDATE webhook_recoveries SET queued = queued WHERE id = ?", [id])
        guard let job = try tx.queryOne(
            """
            SELECT r.operator_id, r.mode, r.endpoint_id, r.since, r.until, r.event_types, r.cursor_occurred_at, r.cursor_sequence, r.queued, r.total,
                r.delivered, r.failed, e.enabled
            FROM webhook_recoveries r LEFT JOIN webhook_endpoints e ON e.id = r.endpoint_id WHERE r.id = ? AND r.status = 'running'
            """, [id])
        else { return Fed(inserted: 0, open: 0, done: true) }
        let scope = TenantScope(operatorID: try job.get("operator_id"), mode: try job.get("mode"))
        let endpoint: String = try job.get("endpoint_id")
        guard try job.get("enabled", as: Bool?.self) == true else {
            try cancel(endpoint: endpoint, tx)
            return Fed(inserted: 0, open: 0, done: true)
        }
        let open = try job.get("queued", as: Int.self) - job.get("delivered", as: Int.self) - job.get("failed", as: Int.self)
        let limit = window - open
        guard limit > 0 else { return Fed(inserted: 0, open: open, done: false) }
        let types = Set(try job.get("event_types", as: String.self).split(separator: ",").map(String.init))
        let since: Timestamp = try job.get("since"), until: Timestamp = try job.get("until")
        let cursor = EventLog.Position(occurredAt: try job.get("cursor_occurred_at"), sequence: try job.get("cursor_sequence"))
        // In the order they occurred, on the events' time index: each window reads only its own rows.
        let events = since < until
            ? try EventLog.list(tenant: scope.operatorID, mode: scope.mode, types: types, occurred: since...(until - .milliseconds(1)),
                                after: cursor.sequence == 0 ? nil : cursor, direction: .oldestFirst, limit: limit, tx)
            : []
        for event in events {
            try DeliveryRows.insert(NewDelivery(
                id: Identifier.make(.webhookDelivery), tenant: scope, endpointID: endpoint, eventID: event.id, eventType: event.type,
                payload: EventEnvelope.json(for: event, apiVersion: apiVersion), recoveryID: id, priority: .recovery), stats: &stats, tx)
        }
        let queued = try job.get("queued", as: Int.self) + events.count
        let done = events.count < limit
        try tx.execute(
            "UPDATE webhook_recoveries SET queued = ?, cursor_occurred_at = ?, cursor_sequence = ?, total = ? WHERE id = ?",
            [queued, events.last?.occurredAt ?? cursor.occurredAt, events.last?.sequence ?? cursor.sequence,
             done ? queued : try job.get("total", as: Int.self), id])
        if done { try RecoveryProgress.completeIfFinished(id, tx) }
        return Fed(inserted: events.count, open: open + events.count, done: done)
    }

    /// Ends the endpoint's running recoveries: nothing more goes to it.
    static func cancel(endpoint: String, _ tx: Transaction) throws {
        try tx.execute("UPDATE webhook_recoveries SET status = 'cancelled', completed_at = ? WHERE endpoint_id = ? AND status = 'running'",
                       [tx.now, endpoint])
    }

    private static func recovery(_ row: Row) throws -> WebhookRecovery {
        WebhookRecovery(
            id: try row.get("id"), endpointID: try row.get("endpoint_id"), since: try row.get("since"), until: try row.get("until"),
            status: try row.get("status"), total: try row.get("total"), queued: try row.get("queued"), delivered: try row.get("delivered"),
            failed: try row.get("failed"), livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"),
            completedAt: try row.get("completed_at"))
    }
}

/// Finished recovery deliveries, counted over a batch and written once.
struct RecoveryProgress {
    private var counts: [String: (delivered: Int, failed: Int)] = [:]

    mutating func finished(_ recovery: String, delivered: Bool, count: Int = 1) {
        if delivered { counts[recovery, default: (0, 0)].delivered += count } else { counts[recovery, default: (0, 0)].failed += count }
    }

    func write(_ tx: Transaction) throws {
        for (id, count) in counts {
            try tx.execute("UPDATE webhook_recoveries SET delivered = delivered + ?, failed = failed + ? WHERE id = ?", [count.delivered, count.failed, id])
            try Self.completeIfFinished(id, tx)
        }
    }

    /// Marks the recovery completed once all its deliveries exist and have finished.
    static func completeIfFinished(_ id: String, _ tx: Transaction) throws {
        try tx.execute(
            "UPDATE webhook_recoveries SET status = 'completed', completed_at = ? WHERE id = ? AND status = 'running' AND queued = total AND delivered + failed >= total",
            [tx.now, id])
    }
}
