import Kernel

/// Writes that open and close deliveries, keeping the lanes and the stats counters right. Deliveries run in real
/// time, even for an event of a sandbox on a test clock: their times are the wall clock's (`wallNow`).
enum DeliveryRows {
    static let openStatuses = "('pending', 'retrying')"

    /// Stores `delivery`, pending: due at once, or — when an earlier delivery of its lane to the same endpoint is
    /// still open — waiting behind that one (`blocked_by`, no due time). Returns false when `ignoringDuplicate` and
    /// the event already has its delivery to this endpoint.
    @discardableResult
    static func insert(_ delivery: NewDelivery, ignoringDuplicate: Bool = false, stats: inout StatsDelta, _ tx: Transaction) throws -> Bool {
        var ahead: String?
        if let lane = delivery.lane {
            ahead = try tx.scalar(
                "SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND lane = ? AND status IN \(openStatuses) ORDER BY seq DESC LIMIT 1",
                [delivery.endpointID, lane], as: String.self)
        }
        try tx.execute(
            """
            INSERT \(ignoringDuplicate ? "OR IGNORE " : "")INTO webhook_deliveries(id, operator_id, mode, endpoint_id, event_id, event_type,
                payload, status, next_attempt_at, next_attempt_reason, lane, blocked_by, priority, replay_of, recovery_id, is_test, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [delivery.id, delivery.tenant.operatorID, delivery.tenant.mode, delivery.endpointID, delivery.eventID, delivery.eventType,
             delivery.payload, ahead == nil ? tx.wallNow : nil, ahead == nil ? NextAttemptReason.firstAttempt : .ordered, delivery.lane, ahead,
             delivery.priority, delivery.replayOf, delivery.recoveryID, delivery.isTest, tx.wallNow])
        guard tx.changes > 0 else { return false }
        if !delivery.isTest { stats.opened(endpoint: delivery.endpointID, eventType: delivery.eventType, tenant: delivery.tenant) }
        return true
    }

    /// The delivery that waited behind `id` (which just finished) is due now.
    static func releaseSuccessor(of id: String, _ tx: Transaction) throws -> Bool {
        try tx.execute(
            "UPDATE webhook_deliveries SET blocked_by = NULL, next_attempt_at = ?, next_attempt_reason = ? WHERE blocked_by = ?",
            [tx.wallNow, NextAttemptReason.firstAttempt, id])
        return tx.changes > 0
    }

    /// Ends every open delivery of the endpoint as failed (it was disabled or deleted: nothing more goes to it), with
    /// the counters of what they were and the recoveries they belonged to.
    static func closeOpen(endpoint: String, stats: inout StatsDelta, _ tx: Transaction) throws {
        let groups = try tx.query(
            """
            SELECT operator_id, mode, event_type, status, is_test, recovery_id, COUNT(*) AS n FROM webhook_deliveries
            WHERE endpoint_id = ? AND status IN \(openStatuses) GROUP BY operator_id, mode, event_type, status, is_test, recovery_id
            """, [endpoint])
        guard !groups.isEmpty else { return }
        try tx.execute(
            """
            UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, next_attempt_reason = NULL, blocked_by = NULL, completed_at = ?,
                claimed_by = NULL, claim_expires_at = NULL
            WHERE endpoint_id = ? AND status IN \(openStatuses)
            """, [tx.wallNow, endpoint])
        var progress = RecoveryProgress()
        for group in groups {
            let count: Int = try group.get("n")
            if let recovery = try group.get("recovery_id", as: String?.self) { progress.finished(recovery, delivered: false, count: count) }
            guard try !group.get("is_test", as: Bool.self) else { continue }
            stats.moved(endpoint: endpoint, eventType: try group.get("event_type"),
                        tenant: TenantScope(operatorID: try group.get("operator_id"), mode: try group.get("mode")),
                        from: try group.get("status"), to: .failed, at: tx.wallNow, count: count)
        }
        try progress.write(tx)
    }
}
