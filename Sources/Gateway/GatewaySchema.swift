import Kernel

/// The Gateway's own tables: stored answers of idempotent requests, and the leased claims of those still running.
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
        // Running claims are leased, so that replicas share keys: the claim's holder renews `leased_until` while its
        // request runs and proves itself with `claim_token`; a claim whose lease lapsed (its replica died) is taken
        // over by the same request. Claims from before (no lease) count as lapsed.
        Migration(module: "gateway", version: 2, sql: """
            ALTER TABLE idempotency_keys ADD COLUMN claim_token TEXT;
            ALTER TABLE idempotency_keys ADD COLUMN leased_until INTEGER;
            """),
    ]
}
