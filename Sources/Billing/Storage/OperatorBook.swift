import Kernel

/// The operators Billing knows, with the price it charges them and the first usage day it rolls up for them.
///
/// Filled from `operator.created` / `operator.updated`; a strategy event of an operator not yet seen (which the
/// bus's ordering rules out, but money is not left to luck) registers it at the default price. Each known
/// operator has a live and a test wallet.
enum OperatorBook {
    /// What one live strategy-day costs unless the operator's settings say otherwise: ₹15.
    static let defaultPricePaise: Int64 = 1500

    struct Entry {
        let operatorID: String
        let pricePaise: Int64
        /// The usage day that contained the first event seen for the operator: nothing before it can be billable.
        let firstUsageDate: CivilDate
    }

    /// Records an operator seen at `seenAt`, updating its price when `pricePaise` is given.
    static func learn(_ operatorID: String, pricePaise: Int64?, seenAt: Timestamp, _ tx: Transaction) throws {
        let firstDate = UsageWindow.containing(seenAt).date.description
        try tx.execute(
            """
            INSERT INTO billing_operators(operator_id, strategy_day_price_paise, first_usage_date, updated_at)
            VALUES (?, COALESCE(?, ?), ?, ?)
            ON CONFLICT(operator_id) DO UPDATE SET
                strategy_day_price_paise = COALESCE(?, billing_operators.strategy_day_price_paise),
                first_usage_date = MIN(billing_operators.first_usage_date, excluded.first_usage_date),
                updated_at = excluded.updated_at
            """,
            [operatorID, pricePaise, defaultPricePaise, firstDate, tx.now, pricePaise])
        for mode in Mode.allCases {
            try tx.execute("INSERT OR IGNORE INTO billing_wallets(operator_id, mode) VALUES (?, ?)", [operatorID, mode])
        }
    }

    /// The operator, or `notFound`.
    static func entry(_ operatorID: String, _ tx: Transaction) throws -> Entry {
        guard let row = try tx.queryOne("SELECT \(columns) FROM billing_operators WHERE operator_id = ?", [operatorID]) else {
            throw DomainError.notFound(.operator, operatorID)
        }
        return try Entry(row: row)
    }

    /// Whether Billing knows the operator yet.
    static func isKnown(_ operatorID: String, _ tx: Transaction) throws -> Bool {
        try tx.scalar("SELECT 1 FROM billing_operators WHERE operator_id = ?", [operatorID], as: Int.self) != nil
    }

    /// Every known operator, in id order.
    static func all(_ tx: Transaction) throws -> [Entry] {
        try tx.query("SELECT \(columns) FROM billing_operators ORDER BY operator_id").map(Entry.init(row:))
    }

    private static let columns = "operator_id, strategy_day_price_paise, first_usage_date"
}

extension OperatorBook.Entry {
    init(row: Row) throws {
        self.init(operatorID: try row.get("operator_id"), pricePaise: try row.get("strategy_day_price_paise"),
                  firstUsageDate: try row.civilDate("first_usage_date"))
    }
}
