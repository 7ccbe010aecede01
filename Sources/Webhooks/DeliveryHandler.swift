import Kernel

/// The bus subscriber: for each operator-facing event, one pending delivery per enabled endpoint subscribed to its
/// type, in the event's lane (``DeliveryLane``), written in the same transaction that moves the checkpoint (a crash
/// never loses or doubles one). Once that commits, it tells the dispatcher which endpoints got work.
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
        guard !endpoints.isEmpty else { return }
        let body = EventEnvelope.json(for: event, apiVersion: apiVersion), lane = DeliveryLane.of(event)
        let tenant = TenantScope(operatorID: event.tenant, mode: event.mode)
        var stats = StatsDelta()
        // Deliveries happen in real time, even for an event of a sandbox on a test clock (its body carries the
        // simulated time): DeliveryRows dates them by the wall clock.
        for row in endpoints {
            let endpoint: String = try row.get("id")
            let delivery = NewDelivery(id: Identifier.make(.webhookDelivery), tenant: tenant, endpointID: endpoint, eventID: event.id,
                                       eventType: event.type, payload: body, lane: lane)
            if try DeliveryRows.insert(delivery, ignoringDuplicate: true, stats: &stats, tx) { dispatcher.notices.stage(endpoint, tenant: tenant) }
        }
        try stats.write(tx)
    }

    func didCommit(_ events: [Event]) async {
        dispatcher.notices.commitStaged()
        dispatcher.wake()
    }
}
