import Kernel

/// Each operator's price of one live strategy-day, from `operator.created` and `operator.updated`; it goes into
/// `strategy.deployed` as `burn_per_day_paise`. Operators are global, not per mode: the price applies to both.
enum OperatorPrices {
    /// The platform default, used until the operator's own price arrives: ₹15.
    static let defaultPaise: Int64 = 1500

    static func price(_ operatorID: String, _ tx: Transaction) throws -> Int64 {
        try tx.scalar("SELECT strategy_day_price_paise FROM strategies_operators WHERE id = ?", [operatorID], as: Int64.self) ?? defaultPaise
    }

    static func set(_ operatorID: String, _ paise: Int64, _ tx: Transaction) throws {
        try tx.execute(
            """
            INSERT INTO strategies_operators(id, strategy_day_price_paise) VALUES (?, ?)
            ON CONFLICT(id) DO UPDATE SET strategy_day_price_paise = excluded.strategy_day_price_paise
            """,
            [operatorID, paise])
    }
}
