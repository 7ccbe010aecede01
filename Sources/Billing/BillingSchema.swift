import Kernel

/// The Billing module owns strategy-day metering, the daily roll-up, the operator's prepaid wallet and low-balance alerts.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root. Every wallet-level row
/// carries `operator_id` and `mode`; money is integer paise; times are integer milliseconds UTC; usage days are
/// `YYYY-MM-DD` text.
public enum BillingSchema {
    public static let migrations = [
        Migration(module: "billing", version: 1, sql: """
            CREATE TABLE billing_operators(
                operator_id TEXT PRIMARY KEY,
                strategy_day_price_paise INTEGER NOT NULL,
                first_usage_date TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE billing_wallets(
                operator_id TEXT NOT NULL REFERENCES billing_operators(operator_id),
                mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
                low_balance_threshold_days INTEGER NOT NULL DEFAULT 7,
                alert_whatsapp_number TEXT,
                low_balance_alerted INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (operator_id, mode)
            );
            CREATE TABLE billing_live_intervals(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                strategy_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                plan_id TEXT NOT NULL,
                broker TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER
            );
            CREATE UNIQUE INDEX billing_live_open ON billing_live_intervals(operator_id, mode, strategy_id) WHERE ended_at IS NULL;
            CREATE INDEX billing_live_by_end ON billing_live_intervals(operator_id, mode, ended_at);
            CREATE TABLE billing_rollups(
                id TEXT PRIMARY KEY,
                operator_id TEXT NOT NULL REFERENCES billing_operators(operator_id),
                mode TEXT NOT NULL,
                date TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                window_end INTEGER NOT NULL,
                strategy_days INTEGER NOT NULL,
                amount_paise INTEGER NOT NULL,
                strategy_day_price_paise INTEGER NOT NULL,
                wallet_entry_id TEXT,
                wallet_balance_paise INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (operator_id, mode, date)
            );
            CREATE TABLE billing_usage_days(
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                date TEXT NOT NULL,
                strategy_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                plan_id TEXT NOT NULL,
                broker TEXT NOT NULL,
                amount_paise INTEGER NOT NULL,
                PRIMARY KEY (operator_id, mode, date, strategy_id)
            );
            CREATE TABLE billing_wallet_entries(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                operator_id TEXT NOT NULL REFERENCES billing_operators(operator_id),
                mode TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('credit', 'debit')),
                amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),
                balance_after_paise INTEGER NOT NULL,
                reason TEXT NOT NULL,
                reference TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (operator_id, mode, reason, reference)
            );
            CREATE INDEX billing_wallet_entries_by_wallet ON billing_wallet_entries(operator_id, mode, seq);
            CREATE TABLE billing_inbox(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                operator_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                type TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                data TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                read_at INTEGER,
                whatsapp_status TEXT NOT NULL,
                whatsapp_to TEXT,
                whatsapp_attempts INTEGER NOT NULL DEFAULT 0,
                whatsapp_next_attempt_at INTEGER,
                whatsapp_last_error TEXT
            );
            CREATE INDEX billing_inbox_by_scope ON billing_inbox(operator_id, mode, seq);
            CREATE INDEX billing_inbox_whatsapp_due ON billing_inbox(whatsapp_next_attempt_at) WHERE whatsapp_status = 'pending';
            """),
    ]
}
