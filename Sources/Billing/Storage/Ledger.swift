import Kernel

/// A wallet's append-only ledger. The balance is the `balance_after_paise` of the newest entry (0 before any),
/// written with each entry inside the transaction that appends it, so it can never drift from the entries.
enum Ledger {
    static func balance(_ scope: TenantScope, _ tx: Transaction) throws -> Int64 {
        try tx.scalar(
            "SELECT balance_after_paise FROM billing_wallet_entries WHERE operator_id = ? AND mode = ? ORDER BY seq DESC LIMIT 1",
            [scope.operatorID, scope.mode], as: Int64.self) ?? 0
    }

    /// Appends an entry moving `amountPaise` (positive) in the direction of `kind`. The balance may go negative:
    /// billing never stops trading.
    static func append(
        _ kind: WalletEntry.Kind, amountPaise: Int64, reason: WalletEntry.Reason, reference: String, _ scope: TenantScope, _ tx: Transaction
    ) throws -> WalletEntry {
        precondition(amountPaise > 0, "ledger amounts are positive; the kind gives the direction")
        let balance = try balance(scope, tx) + (kind == .credit ? amountPaise : -amountPaise)
        let id = Identifier.make(.walletEntry)
        try tx.execute(
            """
            INSERT INTO billing_wallet_entries(id, operator_id, mode, type, amount_paise, balance_after_paise, reason, reference, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [id, scope.operatorID, scope.mode, kind, amountPaise, balance, reason, reference, tx.now])
        return WalletEntry(id: id, type: kind, amountPaise: amountPaise, balanceAfterPaise: balance, currency: Billing.currency,
                           reason: reason, reference: reference, livemode: scope.isLive, createdAt: tx.now)
    }

    /// The entry for `reason` and `reference`, if there is one.
    static func entry(reason: WalletEntry.Reason, reference: String, _ scope: TenantScope, _ tx: Transaction) throws -> WalletEntry? {
        try tx.queryOne(
            "SELECT \(columns) FROM billing_wallet_entries WHERE operator_id = ? AND mode = ? AND reason = ? AND reference = ?",
            [scope.operatorID, scope.mode, reason, reference]).map(WalletEntry.init(row:))
    }

    /// The newest `limit` entries, newest first.
    static func recent(_ scope: TenantScope, limit: Int, _ tx: Transaction) throws -> [WalletEntry] {
        try tx.query(
            "SELECT \(columns) FROM billing_wallet_entries WHERE operator_id = ? AND mode = ? ORDER BY seq DESC LIMIT ?",
            [scope.operatorID, scope.mode, limit]).map(WalletEntry.init(row:))
    }

    private static let columns = "id, mode, type, amount_paise, balance_after_paise, reason, reference, created_at"
}

extension WalletEntry {
    init(row: Row) throws {
        self.init(
            id: try row.get("id"), type: try row.get("type"), amountPaise: try row.get("amount_paise"),
            balanceAfterPaise: try row.get("balance_after_paise"), currency: Billing.currency, reason: try row.get("reason"),
            reference: try row.get("reference"), livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"))
    }
}
