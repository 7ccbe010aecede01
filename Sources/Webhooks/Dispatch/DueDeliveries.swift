import Kernel

/// How the dispatcher reads its work: which endpoints have due deliveries, and one endpoint's next batch of them
/// (live and replayed deliveries before a recovery's), oldest due first, claimed for this replica
/// (``DeliveryClaims``). Every read is a short index range: it costs the same with a backlog of ten or of a million.
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

    /// Every endpoint with a delivery due now that `replica` may claim (unclaimed, or its claim expired), with its
    /// tenant: how a replica finds deliveries another one created, or left behind when it died. A few index seeks per
    /// endpoint with open deliveries (the claimed due ones it steps over are at most a prefetch per replica).
    static func claimableEndpoints(replica: String, _ tx: Transaction) throws -> [(endpoint: String, tenant: TenantScope)] {
        try endpoints(tx).filter { endpoint, _ in
            try DeliveryPriority.allCases.contains { priority in
                try tx.queryOne(
                    """
                    SELECT 1 FROM webhook_deliveries WHERE endpoint_id = ? AND priority = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
                        AND \(DeliveryClaims.claimable) LIMIT 1
                    """, [endpoint, priority, tx.wallNow, tx.wallNow, replica]) != nil
            }
        }
    }

    /// Claims for `lease` up to `limit` deliveries of `endpoint` due at `tx.wallNow`, leaving out `excluding` (held by
    /// this replica already); its secrets opened with `secrets`. Runs in a write transaction.
    static func batch(endpoint: String, limit: Int, excluding: Set<String>, lease: DeliveryClaims.Lease, secrets: EndpointSecrets,
                      _ tx: Transaction) throws -> Batch {
        guard let target = try EndpointTarget.load(endpoint, secrets: secrets, tx) else { return Batch(target: nil, deliveries: [], full: false, nextDue: nil) }
        let wanted = limit + excluding.count
        var rows = [DueDelivery]()
        for priority in DeliveryPriority.allCases where rows.count < wanted {
            rows += try tx.query(
                """
                SELECT id, event_id, event_type, payload, attempt_count, status, lane, recovery_id, is_test FROM webhook_deliveries
                WHERE endpoint_id = ? AND priority = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? AND \(DeliveryClaims.claimable)
                ORDER BY next_attempt_at, seq LIMIT ?\(DeliveryClaims.lockClause(tx))
                """,
                [endpoint, priority, tx.wallNow, tx.wallNow, lease.replica, wanted - rows.count]
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
                    [endpoint, priority, tx.wallNow], as: Timestamp?.self) ?? nil
                if let due { nextDue = min(nextDue ?? due, due) }
            }
        }
        let fresh = rows.filter { !excluding.contains($0.id) }
        try DeliveryClaims.claim(fresh.map(\.id), lease, tx)
        return Batch(target: target, deliveries: fresh, full: full, nextDue: nextDue)
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
