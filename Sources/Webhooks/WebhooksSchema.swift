import Kernel

/// The Webhooks module owns webhook endpoints, their event subscriptions, signed deliveries with retries, the
/// delivery log and replay, and the events API.
///
/// It depends on the kernel only: it subscribes to the bus and turns the operator-facing events into
/// delivery rows in the same transaction that moves its checkpoint, so no event is lost or forgotten.
public enum WebhooksSchema {
    public static let migrations = [
        Migration(module: "webhooks", version: 1, sql: """
            CREATE TABLE webhook_endpoints(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                url TEXT NOT NULL,
                description TEXT,
                enabled INTEGER NOT NULL,
                disabled_reason TEXT,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_expires_at INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX webhook_endpoints_by_tenant ON webhook_endpoints(operator_id, mode, created_at);
            CREATE TABLE webhook_subscriptions(
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
                event_type TEXT NOT NULL,
                PRIMARY KEY (endpoint_id, event_type)
            );
            CREATE TABLE webhook_deliveries(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                endpoint_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempt_count INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER,
                last_status_code INTEGER,
                last_latency_ms INTEGER,
                replay_of TEXT,
                is_test INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                completed_at INTEGER
            );
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
            CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries(operator_id, mode, seq);
            CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries(event_id, endpoint_id) WHERE replay_of IS NULL AND is_test = 0;
            CREATE TABLE webhook_attempts(
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
                number INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                status_code INTEGER,
                latency_ms INTEGER NOT NULL,
                error_class TEXT,
                error_message TEXT,
                request_headers TEXT NOT NULL,
                response_body TEXT,
                PRIMARY KEY (delivery_id, number)
            );
            """),
    ]
}
