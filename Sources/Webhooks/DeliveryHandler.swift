import Kernel

/// The bus subscriber: for each operator-facing event, one pending delivery per enabled endpoint subscribed to its
/// type, written in the same transaction that moves the checkpoint (a crash never loses or doubles one).
struct DeliveryHandler: EventHandler {
    let name = "webhooks.deliveries"
    let apiVersion: String
    let dispatcher: DeliveryDispatcher

    func accepts(_ type: String) -> Bool { WebhookEventType.names.contains(type) }

    func apply(_ event: Event, in tx: Transaction) throws {
        let endpoints = try tx.query(
            """
            SELECT e.id FROM webhook_endpoints e JOIN webhook_subscriptions s ON s.endpoint_id = e.id
            WHERE e.operator_id = ? AND e.mode = ? AND e.enabled = 1 AND s.event_type = ?
            """,
            [event.tenant, event.mode, event.type])
        let body = EventEnvelope.json(for: event, apiVersion: apiVersion)
        // Deliveries happen in real time, even for an event of a sandbox on a test clock (its body carries the
        // simulated time): due now, and logged at the wall clock's time.
        for endpoint in endpoints {
            try tx.execute(
                """
                INSERT OR IGNORE INTO webhook_deliveries(id, operator_id, mode, endpoint_id, event_id, event_type, payload, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                """,
                [Identifier.make(.webhookDelivery), event.tenant, event.mode, try endpoint.get("id", as: String.self), event.id, event.type, body, tx.wallNow, tx.wallNow])
        }
    }

    func didCommit(_ events: [Event]) async {
        dispatcher.wake()
    }
}
