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
        // The delivery engine: fair scheduling per endpoint, ordered lanes, the visible circuit, auto-disable,
        // recoveries and stats kept as counters (per endpoint, event type and IST hour, and rolled up per operator, mode,
        // event type and IST day for the stats the dashboard loads). Invariant from here on: `next_attempt_at` is set exactly when a
        // delivery is open and not waiting behind an earlier one (`blocked_by`). Counters start from the existing
        // deliveries; latency sketches start empty (SQL cannot compute their buckets portably).
        Migration(module: "webhooks", version: 2, sql: """
            ALTER TABLE webhook_endpoints ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE webhook_endpoints ADD COLUMN failing_since INTEGER;
            ALTER TABLE webhook_endpoints ADD COLUMN circuit_open_until INTEGER;
            UPDATE webhook_endpoints SET disabled_reason = 'operator' WHERE enabled = 0 AND disabled_reason IS NULL;
            ALTER TABLE webhook_deliveries ADD COLUMN lane TEXT;
            ALTER TABLE webhook_deliveries ADD COLUMN blocked_by TEXT;
            ALTER TABLE webhook_deliveries ADD COLUMN next_attempt_reason TEXT;
            ALTER TABLE webhook_deliveries ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE webhook_deliveries ADD COLUMN recovery_id TEXT;
            UPDATE webhook_deliveries SET next_attempt_reason = CASE WHEN attempt_count = 0 THEN 'first_attempt' ELSE 'retry_schedule' END
                WHERE status IN ('pending', 'retrying');
            DROP INDEX webhook_deliveries_due;
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries(endpoint_id, priority, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
            CREATE INDEX webhook_deliveries_open ON webhook_deliveries(endpoint_id, lane, seq) WHERE status IN ('pending', 'retrying');
            CREATE INDEX webhook_deliveries_blocked ON webhook_deliveries(blocked_by) WHERE blocked_by IS NOT NULL;
            DROP INDEX webhook_deliveries_once;
            CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries(event_id, endpoint_id)
                WHERE replay_of IS NULL AND is_test = 0 AND recovery_id IS NULL;
            CREATE TABLE webhook_recoveries(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                endpoint_id TEXT NOT NULL,
                since INTEGER NOT NULL,
                until INTEGER NOT NULL,
                event_types TEXT NOT NULL,
                status TEXT NOT NULL,
                total INTEGER NOT NULL,
                queued INTEGER NOT NULL DEFAULT 0,
                delivered INTEGER NOT NULL DEFAULT 0,
                failed INTEGER NOT NULL DEFAULT 0,
                cursor_occurred_at INTEGER NOT NULL DEFAULT 0,
                cursor_sequence INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                completed_at INTEGER
            );
            CREATE INDEX webhook_recoveries_by_endpoint ON webhook_recoveries(endpoint_id, created_at);
            CREATE TABLE webhook_stats_hourly(
                endpoint_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                ist_hour INTEGER NOT NULL,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                delivered INTEGER NOT NULL DEFAULT 0,
                delivered_after_retry INTEGER NOT NULL DEFAULT 0,
                failed INTEGER NOT NULL DEFAULT 0,
                latency TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (endpoint_id, event_type, ist_hour)
            );
            CREATE INDEX webhook_stats_hourly_by_tenant ON webhook_stats_hourly(operator_id, mode, ist_hour);
            CREATE TABLE webhook_stats_daily(
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                event_type TEXT NOT NULL,
                ist_day INTEGER NOT NULL,
                delivered INTEGER NOT NULL DEFAULT 0,
                delivered_after_retry INTEGER NOT NULL DEFAULT 0,
                failed INTEGER NOT NULL DEFAULT 0,
                latency TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (operator_id, mode, event_type, ist_day)
            );
            CREATE TABLE webhook_stats_open(
                endpoint_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                pending INTEGER NOT NULL DEFAULT 0,
                retrying INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (endpoint_id, event_type)
            );
            CREATE INDEX webhook_stats_open_by_tenant ON webhook_stats_open(operator_id, mode);
            INSERT INTO webhook_stats_hourly(endpoint_id, event_type, ist_hour, operator_id, mode, delivered, delivered_after_retry, failed)
                SELECT endpoint_id, event_type, (completed_at + 19800000) / 3600000, operator_id, mode,
                       SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'delivered_after_retry' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)
                FROM webhook_deliveries WHERE is_test = 0 AND completed_at IS NOT NULL
                GROUP BY endpoint_id, event_type, (completed_at + 19800000) / 3600000, operator_id, mode;
            INSERT INTO webhook_stats_daily(operator_id, mode, event_type, ist_day, delivered, delivered_after_retry, failed)
                SELECT operator_id, mode, event_type, ist_hour / 24, SUM(delivered), SUM(delivered_after_retry), SUM(failed)
                FROM webhook_stats_hourly GROUP BY operator_id, mode, event_type, ist_hour / 24;
            INSERT INTO webhook_stats_open(endpoint_id, event_type, operator_id, mode, pending, retrying)
                SELECT endpoint_id, event_type, operator_id, mode, SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'retrying' THEN 1 ELSE 0 END)
                FROM webhook_deliveries WHERE is_test = 0 AND status IN ('pending', 'retrying')
                GROUP BY endpoint_id, event_type, operator_id, mode;
            """),
        // Several replicas on one database: a due delivery is claimed by one dispatcher (`claimed_by`, its replica's
        // id) until `claim_expires_at` (its lease, renewed while it holds the delivery); an expired claim may be taken
        // over. Recording an attempt clears the claim, and only the claim's holder may record (``DeliveryClaims``).
        Migration(module: "webhooks", version: 3, sql: """
            ALTER TABLE webhook_deliveries ADD COLUMN claimed_by TEXT;
            ALTER TABLE webhook_deliveries ADD COLUMN claim_expires_at INTEGER;
            CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries(claimed_by) WHERE claimed_by IS NOT NULL;
            """),
    ]
}
