import Kernel

/// The Strategies module owns strategy templates, pushes to clients and plans, client strategies and their lifecycle.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own: what
/// it needs to know about operators and clients it keeps in its own read model (`strategies_operators`,
/// `strategies_clients`), fed by Accounts' events. Every tenant row carries `operator_id` and `mode`, and every
/// query filters on both. This is the list of its schema migrations, applied at start-up by the composition root.
public enum StrategiesSchema {
    public static let migrations = [
        Migration(module: "strategies", version: 1, sql: version1, variants: [.postgres: version1 + pushOrderOnPostgres]),
    ]

    private static let version1 = """
        CREATE TABLE strategies_operators(
            id TEXT PRIMARY KEY,
            strategy_day_price_paise INTEGER NOT NULL
        );
        CREATE TABLE strategies_clients(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            operator_id TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
            plan_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'deleted')),
            broker TEXT,
            broker_status TEXT,
            client_code_masked TEXT
        );
        CREATE INDEX strategies_clients_by_plan ON strategies_clients(operator_id, mode, plan_id, status, seq);
        CREATE TABLE strategies_handled_events(
            event_id TEXT PRIMARY KEY,
            handled_at INTEGER NOT NULL
        );
        CREATE TABLE strategy_templates(
            id TEXT PRIMARY KEY,
            operator_id TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
            latest_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE strategy_template_versions(
            template_id TEXT NOT NULL REFERENCES strategy_templates(id),
            version INTEGER NOT NULL,
            name TEXT NOT NULL,
            model TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (template_id, version)
        );
        CREATE TABLE strategy_pushes(
            id TEXT PRIMARY KEY,
            operator_id TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
            template_id TEXT NOT NULL REFERENCES strategy_templates(id),
            template_version INTEGER NOT NULL,
            target_type TEXT NOT NULL CHECK (target_type IN ('user', 'plan')),
            target_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed')),
            recipients INTEGER NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            completed_at INTEGER
        );
        CREATE INDEX strategy_pushes_pending ON strategy_pushes(created_at) WHERE status != 'completed';
        -- The clients a push has yet to reach; each batch deletes the rows it processed in its transaction.
        CREATE TABLE strategy_push_recipients(
            seq INTEGER PRIMARY KEY,
            push_id TEXT NOT NULL,
            user_id TEXT NOT NULL
        );
        CREATE INDEX strategy_push_recipients_by_push ON strategy_push_recipients(push_id, seq);
        CREATE TABLE strategies(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            operator_id TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
            user_id TEXT NOT NULL,
            template_id TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            available_version INTEGER,
            status TEXT NOT NULL CHECK (status IN ('draft', 'paper', 'live', 'paused')),
            trading_mode TEXT CHECK (trading_mode IN ('paper', 'live')),
            realized_paise INTEGER NOT NULL DEFAULT 0,
            unrealized_paise INTEGER NOT NULL DEFAULT 0,
            pnl_as_of INTEGER,
            deployed_at INTEGER,
            paused_at INTEGER,
            pause_reason TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            FOREIGN KEY (template_id, template_version) REFERENCES strategy_template_versions(template_id, version),
            UNIQUE (user_id, template_id)
        );
        """

    /// PostgreSQL has no `rowid`: the oldest pending push is found by `created_at, rowid` (`PushRecords`), so there
    /// `strategy_pushes` gets a `rowid` column numbered in insertion order, as SQLite's is.
    private static let pushOrderOnPostgres = """
        ALTER TABLE strategy_pushes ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
        """
}
