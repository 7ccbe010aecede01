import Kernel

/// Switching an endpoint off and on, with everything that goes with it.
enum EndpointRows {
    /// Turns the endpoint off for `reason`: its open deliveries end failed, its recoveries are cancelled, and when the
    /// platform did it (`gone`, `failing`) `webhook_endpoint.disabled` is published, so Billing tells the operator
    /// (inbox, WhatsApp) and their other endpoints subscribed to it hear of it. False when it was already off.
    @discardableResult
    static func disable(_ id: String, reason: DisabledReason, lastError: String? = nil, stats: inout StatsDelta, _ tx: Transaction) throws -> Bool {
        // The conditional update first: of two replicas disabling the endpoint at once, the second waits for the
        // first's row lock, then changes nothing, so the event is published once.
        try tx.execute("UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, circuit_open_until = NULL, updated_at = ? WHERE id = ? AND enabled = 1",
                       [reason, tx.now, id])
        guard tx.changes > 0,
              let row = try tx.queryOne("SELECT operator_id, mode, url, failing_since FROM webhook_endpoints WHERE id = ?", [id])
        else { return false }
        try stopDeliveries(id, stats: &stats, tx)
        if reason != .operator {
            let payload = EndpointDisabledPayload(endpointID: id, url: try row.get("url"), reason: reason,
                                                  failingSince: reason == .failing ? try row.get("failing_since") : nil, lastError: lastError)
            try tx.publish(NewEvent(type: WebhookEventType.webhookEndpointDisabled.rawValue, tenant: try row.get("operator_id"),
                                    mode: try row.get("mode"), payload: payload))
        }
        return true
    }

    /// Nothing more goes to the endpoint: its open deliveries end failed and its running recoveries are cancelled.
    static func stopDeliveries(_ id: String, stats: inout StatsDelta, _ tx: Transaction) throws {
        try DeliveryRows.closeOpen(endpoint: id, stats: &stats, tx)
        try Recoveries.cancel(endpoint: id, tx)
    }

    /// Turns the endpoint on with a clean slate: no disabled reason, a closed circuit, no run of failures (also what
    /// a new URL gets).
    static func enable(_ id: String, _ tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE webhook_endpoints SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0, failing_since = NULL,
                circuit_open_until = NULL, updated_at = ? WHERE id = ?
            """, [tx.now, id])
    }
}
