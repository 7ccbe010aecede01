import Kernel

/// How the dispatcher reads its work: which endpoints have due deliveries, and one endpoint's next batch of them
/// (live and replayed deliveries before a recovery's), oldest due first. Every read is a short index range: it costs
/// the same with a backlog of ten or of a million.
enum DueDeliveries {
    /// The endpoint and the deliveries read.
    struct Batch: Sendable {
        /// Nil when the endpoint no longer exists.
        let target: EndpointTarget?
        let deliveries: [DueDelivery]
        /// The read hit its limit: more may be due.
        let full: Bool
        /// When the next delivery not yet due becomes due (only when not `full`).
        let nextDue: Timestamp?
    }

    /// Every endpoint with a delivery that is due or scheduled, with its tenant: one index seek per endpoint.
    static func endpoints(_ tx: Transaction) throws -> [(endpoint: String, tenant: TenantScope)] {
        var found = [(endpoint: String, tenant: TenantScope)]()
        var after = ""
        while let row = try tx.queryOne(
            """
            SELECT endpoint_id, operator_id, mode FROM webhook_deliveries
            WHERE next_attempt_at IS NOT NULL AND endpoint_id > ? ORDER BY endpoint_id LIMIT 1
            """, [after]) {
            after = try row.get("endpoint_id")
            found.append((after, TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode"))))
        }
        return found
    }

    /// Up to `limit` deliveries of `endpoint` due at `tx.now`, leaving out `excluding`; its secrets opened with `secrets`.
    static func batch(endpoint: String, limit: Int, excluding: Set<String>, secrets: EndpointSecrets, _ tx: Transaction) throws -> Batch {
        guard let target = try EndpointTarget.load(endpoint, secrets: secrets, tx) else { return Batch(target: nil, deliveries: [], full: false, nextDue: nil) }
        let wanted = limit + excluding.count
        var rows = [DueDelivery]()
        for priority in DeliveryPriority.allCases where rows.count < wanted {
            rows += try tx.query(
                """
                SELECT id, event_id, event_type, payload, attempt_count, status, lane, recovery_id, is_test FROM webhook_deliveries
                WHERE endpoint_id = ? AND priority = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
                ORDER BY next_attempt_at, seq LIMIT ?
                """,
                [endpoint, priority, tx.now, wanted - rows.count]
            ).map { row in
                DueDelivery(
                    id: try row.get("id"), target: target, eventID: try row.get("event_id"), eventType: try row.get("event_type"),
                    payload: try row.get("payload"), attempts: try row.get("attempt_count"), status: try row.get("status"),
                    lane: try row.get("lane"), recoveryID: try row.get("recovery_id"), isTest: try row.get("is_test"))
            }
        }
        let full = rows.count == wanted
        var nextDue: Timestamp?
        if !full {
            for priority in DeliveryPriority.allCases {
                let due = try tx.scalar(
                    """
                    SELECT MIN(next_attempt_at) FROM webhook_deliveries
                    WHERE endpoint_id = ? AND priority = ? AND next_attempt_at IS NOT NULL AND next_attempt_at > ?
                    """,
                    [endpoint, priority, tx.now], as: Timestamp?.self) ?? nil
                if let due { nextDue = min(nextDue ?? due, due) }
            }
        }
        return Batch(target: target, deliveries: rows.filter { !excluding.contains($0.id) }, full: full, nextDue: nextDue)
    }
}

/// Which deliveries an endpoint gets first: everything else before a recovery's re-sends, so a recovery never holds
/// up live traffic.
enum DeliveryPriority: Int, CaseIterable, Sendable, SQLValueConvertible {
    case live = 0
    case recovery = 1

    var sqlValue: SQLValue { .integer(Int64(rawValue)) }

    init?(sqlValue: SQLValue) {
        guard case .integer(let value) = sqlValue else { return nil }
        self.init(rawValue: Int(value))
    }
}
