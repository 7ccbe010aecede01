import Kernel

extension Webhooks {
    /// The delivery log, newest first (the dashboard's "last 50").
    public func listDeliveries(_ scope: TenantScope, _ query: DeliveryQuery) async throws -> Page<WebhookDelivery> {
        guard (1...100).contains(query.limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        if let status = query.status, DeliveryStatus(rawValue: status) == nil {
            throw DomainError.invalidField("status", "must be one of \(DeliveryStatus.allCases.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        if let type = query.eventType, !WebhookEventType.names.contains(type) {
            throw DomainError.invalidField("event_type", "is not an event type")
        }
        return try await database.read { tx in
            var sql = Self.deliveryColumns + " WHERE operator_id = ? AND mode = ?"
            var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode]
            if let after = query.startingAfter {
                sql += " AND seq < ?"
                arguments.append(try tx.cursorPosition(after, in: "webhook_deliveries", scope: scope, naming: "delivery"))
            }
            if let type = query.eventType { sql += " AND event_type = ?"; arguments.append(type) }
            if let status = query.status { sql += " AND status = ?"; arguments.append(status) }
            if let endpoint = query.endpointID { sql += " AND endpoint_id = ?"; arguments.append(endpoint) }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments.append(query.limit + 1)
            return Page(fetched: try tx.query(sql, arguments).map { try Self.delivery($0, attempts: [], payload: nil) }, limit: query.limit)
        }
    }

    /// One delivery with its payload and every attempt (headers sent, status, latency, error, response excerpt); each
    /// failed attempt also shows what it signed and the id of each secret that signed it (``SignedContent``).
    public func getDelivery(_ scope: TenantScope, _ id: String) async throws -> WebhookDelivery {
        let secrets = self.secrets
        return try await database.read { tx in
            var delivery = try Self.fullDelivery(id, scope, tx)
            guard let payload = delivery.payload, delivery.attempts.contains(where: \.failed) else { return delivery }
            let held = try Self.heldSecrets(delivery.endpointID, secrets, tx)
            for i in delivery.attempts.indices where delivery.attempts[i].failed {
                delivery.attempts[i].signed = SignedContent.of(headers: delivery.attempts[i].requestHeaders, payload: payload, secrets: held)
            }
            return delivery
        }
    }

    /// Sends the same event again to the same endpoint as a new delivery (same `webhook-id`, fresh timestamp and
    /// signature), linked by `replay_of`.
    public func replay(_ scope: TenantScope, _ id: String) async throws -> WebhookDelivery {
        let replayID = Identifier.make(.webhookDelivery)
        let delivery = try await database.write { tx in
            guard let original = try tx.queryOne(
                "SELECT endpoint_id, event_id, event_type, payload, is_test FROM webhook_deliveries WHERE id = ? AND operator_id = ? AND mode = ?",
                [id, scope.operatorID, scope.mode])
            else { throw DomainError.notFound(.webhookDelivery, id) }
            let endpoint: String = try original.get("endpoint_id")
            guard try tx.scalar("SELECT 1 FROM webhook_endpoints WHERE id = ?", [endpoint], as: Int.self) != nil else {
                throw DomainError(.conflict, code: .endpointDeleted, "The delivery's endpoint was deleted; nothing to replay to.")
            }
            var stats = StatsDelta()
            try DeliveryRows.insert(NewDelivery(
                id: replayID, tenant: scope, endpointID: endpoint, eventID: try original.get("event_id"), eventType: try original.get("event_type"),
                payload: try original.get("payload"), replayOf: id, isTest: try original.get("is_test")), stats: &stats, tx)
            try stats.write(tx)
            return try Self.fullDelivery(replayID, scope, tx)
        }
        dispatcher.notices.touch(delivery.endpointID, tenant: scope)
        dispatcher.wake()
        return delivery
    }

    /// Sends a clearly marked sample of `type` (`"test": true` in the envelope) to one endpoint, logged like any
    /// delivery.
    public func sendTest(_ scope: TenantScope, endpointID: String, type: String) async throws -> WebhookDelivery {
        guard let eventType = WebhookEventType(rawValue: type) else {
            throw DomainError(.invalid, code: .unknownEventType, "Unknown event type '\(type)'.",
                              fields: [.init(field: "type", message: "is not an event type")])
        }
        let id = Identifier.make(.webhookDelivery), eventID = Identifier.make(.event), apiVersion = settings.apiVersion
        let delivery = try await database.write { tx in
            _ = try Self.endpoint(endpointID, scope, tx)
            let body = EventEnvelope.json(id: eventID, type: type, occurredAt: tx.now, livemode: scope.isLive, sequence: 0,
                                          data: SampleEvents.data(for: eventType), apiVersion: apiVersion, test: true)
            var stats = StatsDelta()
            try DeliveryRows.insert(NewDelivery(id: id, tenant: scope, endpointID: endpointID, eventID: eventID, eventType: type, payload: body,
                                                isTest: true), stats: &stats, tx)
            return try Self.fullDelivery(id, scope, tx)
        }
        dispatcher.notices.touch(endpointID, tenant: scope)
        dispatcher.wake()
        return delivery
    }

    // MARK: - Shared steps

    static let deliveryColumns = """
        SELECT id, event_id, event_type, endpoint_id, status, attempt_count, last_status_code, last_latency_ms, next_attempt_at,
               next_attempt_reason, blocked_by, replay_of, is_test, mode, created_at, completed_at, payload,
               (SELECT e.circuit_open_until FROM webhook_endpoints e WHERE e.id = webhook_deliveries.endpoint_id) AS circuit_open_until
        FROM webhook_deliveries
        """

    static func fullDelivery(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> WebhookDelivery {
        guard let row = try tx.queryOne(deliveryColumns + " WHERE id = ? AND operator_id = ? AND mode = ?", [id, scope.operatorID, scope.mode]) else {
            throw DomainError.notFound(.webhookDelivery, id)
        }
        let attempts = try tx.query(
            "SELECT number, started_at, status_code, latency_ms, error_class, error_message, request_headers, response_body FROM webhook_attempts WHERE delivery_id = ? ORDER BY number",
            [id]
        ).map { row in
            WebhookAttempt(
                number: try row.get("number"), startedAt: try row.get("started_at"), statusCode: try row.get("status_code"),
                latencyMs: try row.get("latency_ms"), errorClass: try row.get("error_class"), error: try row.get("error_message"),
                requestHeaders: try JSON.decoder.decode([String: String].self, from: Array(try row.get("request_headers", as: String.self).utf8).data),
                responseBody: try row.get("response_body"))
        }
        return try delivery(row, attempts: attempts, payload: try row.get("payload"))
    }

    static func delivery(_ row: Row, attempts: [WebhookAttempt], payload: String?) throws -> WebhookDelivery {
        let count: Int = try row.get("attempt_count")
        var next: Timestamp? = try row.get("next_attempt_at"), reason: NextAttemptReason? = try row.get("next_attempt_reason")
        if let scheduled = next, let openUntil = try row.get("circuit_open_until", as: Timestamp?.self), openUntil > scheduled {
            (next, reason) = (openUntil, .circuitOpen)
        }
        return WebhookDelivery(
            id: try row.get("id"), eventID: try row.get("event_id"), eventType: try row.get("event_type"), endpointID: try row.get("endpoint_id"),
            status: try row.get("status"), retries: max(0, count - 1), lastStatusCode: try row.get("last_status_code"),
            lastLatencyMs: try row.get("last_latency_ms"), nextAttemptAt: next, nextAttemptReason: reason, blockedBy: try row.get("blocked_by"),
            replayOf: try row.get("replay_of"), test: try row.get("is_test"), livemode: try row.get("mode", as: Mode.self) == .live,
            createdAt: try row.get("created_at"), completedAt: try row.get("completed_at"), attempts: attempts, payload: payload)
    }
}

import Foundation

extension Array where Element == UInt8 {
    var data: Data { Data(self) }
}
