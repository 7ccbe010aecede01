import Kernel

/// The Gateway's own tables: stored answers of idempotent requests.
public enum GatewaySchema {
    public static let migrations = [
        Migration(module: "gateway", version: 1, sql: """
            CREATE TABLE idempotency_keys(
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                fingerprint BLOB NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('running', 'done')),
                status INTEGER,
                headers TEXT,
                body BLOB,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (scope, key)
            );
            CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at);
            """),
    ]
}
