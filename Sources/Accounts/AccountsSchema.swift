import Kernel

/// The Accounts module owns operators, their API keys and members, plans, end clients (users), login links,
/// client sessions, dashboard member sessions and broker connections.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Every row that belongs to a
/// tenant carries `operator_id` and `mode`, and every query filters on both.
public enum AccountsSchema {
    public static let migrations = [
        Migration(module: "accounts", version: 1, sql: """
            CREATE TABLE accounts_settings(name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE operators(
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                tier TEXT NOT NULL,
                login_base_url TEXT NOT NULL,
                limits TEXT NOT NULL DEFAULT '{}',
                strategy_day_price_paise INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE api_keys(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL REFERENCES operators(id),
                mode TEXT NOT NULL,
                hash BLOB NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                last4 TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER,
                expires_at INTEGER
            );
            CREATE INDEX api_keys_by_operator ON api_keys(operator_id, mode, created_at);
            CREATE TABLE members(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL REFERENCES operators(id),
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE plans(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL REFERENCES operators(id),
                mode TEXT NOT NULL,
                name TEXT NOT NULL,
                tier TEXT,
                is_default INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX plans_by_operator ON plans(operator_id, mode, created_at);
            CREATE TABLE users(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                operator_id TEXT NOT NULL REFERENCES operators(id),
                mode TEXT NOT NULL,
                email TEXT,
                phone TEXT,
                name TEXT,
                external_id TEXT,
                plan_id TEXT NOT NULL REFERENCES plans(id),
                status TEXT NOT NULL,
                source TEXT NOT NULL,
                creation_key TEXT,
                created_at INTEGER NOT NULL,
                deleted_at INTEGER,
                purge_after INTEGER
            );
            CREATE UNIQUE INDEX users_email ON users(operator_id, mode, email) WHERE email IS NOT NULL;
            CREATE UNIQUE INDEX users_creation_key ON users(operator_id, mode, creation_key) WHERE creation_key IS NOT NULL;
            CREATE INDEX users_listing ON users(operator_id, mode, seq);
            CREATE INDEX users_purge ON users(status, purge_after);
            CREATE TABLE login_links(
                token_hash BLOB PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            );
            CREATE TABLE client_sessions(
                token_hash BLOB PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE TABLE broker_connections(
                user_id TEXT PRIMARY KEY REFERENCES users(id),
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                broker TEXT NOT NULL,
                client_code TEXT,
                status TEXT NOT NULL,
                connected_at INTEGER NOT NULL,
                expires_at INTEGER,
                disconnected_at INTEGER,
                disconnect_reason TEXT
            );
            CREATE INDEX broker_expiry ON broker_connections(status, expires_at);
            """),
        Migration(module: "accounts", version: 2, sql: """
            CREATE TABLE member_sessions(
                token_hash BLOB PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES members(id),
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX member_sessions_expiry ON member_sessions(expires_at);
            """),
        // When each rotated-out key's `api_key.expiring` notices went out (see KeyNotices).
        Migration(module: "accounts", version: 3, sql: """
            ALTER TABLE api_keys ADD COLUMN one_hour_notice_at INTEGER;
            ALTER TABLE api_keys ADD COLUMN in_use_notice_at INTEGER;
            """),
    ]
}
