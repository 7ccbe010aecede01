import Foundation
import Kernel

/// One HTTP attempt of one delivery, from loading the row to recording the result.
struct DeliveryAttempt: Sendable {
    let database: Database
    let transport: any WebhookTransport
    let settings: Webhooks.Settings

    /// Loaded state of a delivery about to be attempted.
    private struct Target {
        let eventID: String
        let payload: String
        let attempt: Int
        let url: String
        let secrets: [String]
    }

    /// What loading a delivery found.
    private enum Loaded: Sendable {
        case ready(Target)
        /// Another attempt finished it meanwhile: nothing to do.
        case alreadyFinished
        /// Its endpoint was deleted or disabled: close it as failed.
        case endpointGone
    }

    /// Runs the attempt. Returns whether the receiver took it (nil when no request was made).
    func run(deliveryID: String) async -> Bool? {
        do {
            guard let target = try await load(deliveryID) else { return nil }
            let result = await send(target)
            try await record(deliveryID, target: target, result: result)
            return result.delivered
        } catch {
            return nil
        }
    }

    /// Reads what the attempt needs, the endpoint's secrets opened. A delivery whose endpoint was deleted or disabled
    /// since is closed as failed.
    private func load(_ id: String) async throws -> Target? {
        let secrets = EndpointSecrets(masterKey: settings.masterKey)
        let loaded = try await database.read { tx -> Loaded in
            guard let row = try tx.queryOne(
                """
                SELECT d.event_id, d.payload, d.attempt_count, d.status, d.endpoint_id, e.url, e.enabled, e.secret, e.previous_secret,
                       e.previous_secret_expires_at
                FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?
                """, [id]),
                try row.get("status", as: DeliveryStatus.self).isDue
            else { return .alreadyFinished }
            guard let url = try row.get("url", as: String?.self), try row.get("enabled", as: Bool.self) else { return .endpointGone }
            let endpointID: String = try row.get("endpoint_id")
            var signing = [try secrets.open(try row.get("secret"), endpointID: endpointID)]
            if let previous = try row.get("previous_secret", as: String?.self),
               let until = try row.get("previous_secret_expires_at", as: Timestamp?.self), until > tx.now {
                signing.append(try secrets.open(previous, endpointID: endpointID))
            }
            return .ready(Target(eventID: try row.get("event_id"), payload: try row.get("payload"),
                                 attempt: try row.get("attempt_count", as: Int.self) + 1, url: url, secrets: signing))
        }
        switch loaded {
        case .ready(let target): return target
        case .alreadyFinished: return nil
        case .endpointGone: break
        }
        try await database.write { tx in
            try tx.execute("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, completed_at = ? WHERE id = ?", [tx.now, id])
        }
        return nil
    }

    /// What one attempt produced, ready to be stored.
    private struct Result {
        let startedAt: Timestamp
        let latencyMs: Int
        let headers: [String: String]
        let transport: TransportResult

        var statusCode: Int? {
            if case .response(let status, _, _) = transport { return status }
            return nil
        }

        var delivered: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
    }

    private func send(_ target: Target) async -> Result {
        let now = database.clock.now()
        let body = Array(target.payload.utf8)
        let headers = [
            "content-type": "application/json",
            "user-agent": "operator-api-webhooks/1.0",
            "webhook-id": target.eventID,
            "webhook-timestamp": String(now.seconds),
            "webhook-signature": WebhookSigner.signatureHeader(id: target.eventID, timestamp: now.seconds, body: body, secrets: target.secrets),
        ]
        let started = ContinuousClock.now
        let outcome = await transport.send(WebhookRequest(url: URL(string: target.url)!, headers: headers, body: body, timeout: settings.attemptTimeout))
        let elapsed = ContinuousClock.now - started
        return Result(startedAt: now, latencyMs: Int(elapsed.milliseconds), headers: headers, transport: outcome)
    }

    private func record(_ id: String, target: Target, result: Result) async throws {
        let outcome: DeliveryState.Outcome
        var errorClass: String?, message: String?, responseBody: String?
        switch result.transport {
        case .response(let status, let retryAfter, let body):
            responseBody = body
            if (200..<300).contains(status) {
                outcome = .success
            } else if status == 410 {
                outcome = .gone
                (errorClass, message) = ("http", "410 Gone: endpoint disabled")
            } else {
                outcome = .failure(retryAfter: status == 429 || status == 503 ? retryAfter : nil)
                (errorClass, message) = ("http", "HTTP \(status)")
            }
        case .failure(let kind, let text):
            outcome = .failure(retryAfter: nil)
            (errorClass, message) = (kind, text)
        }
        let state = DeliveryState.after(attempt: target.attempt, outcome: outcome, schedule: settings.retrySchedule,
                                        now: database.clock.now(), random: settings.random())
        let headersJSON = try JSON.encodeString(result.headers)
        try await database.write { tx in
            try tx.execute(
                """
                INSERT INTO webhook_attempts(delivery_id, number, started_at, status_code, latency_ms, error_class, error_message, request_headers, response_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [id, target.attempt, result.startedAt, result.statusCode, result.latencyMs, errorClass, message, headersJSON, responseBody])
            try tx.execute(
                """
                UPDATE webhook_deliveries SET status = ?, attempt_count = ?, next_attempt_at = ?, last_status_code = ?, last_latency_ms = ?,
                    completed_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END
                WHERE id = ?
                """,
                [state.status, target.attempt, state.nextAttemptAt, result.statusCode, result.latencyMs, state.nextAttemptAt, tx.now, id])
            if state.disableEndpoint {
                try tx.execute(
                    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'gone', updated_at = ? WHERE id = (SELECT endpoint_id FROM webhook_deliveries WHERE id = ?)",
                    [tx.now, id])
            }
        }
    }
}
