import Kernel

/// The result of rolling up one usage day for one operator and mode: what was counted, charged and debited.
///
/// Exactly one exists per operator, mode and date; re-running a roll-up returns it unchanged. A day with no
/// strategy-days still has one (so catch-up knows the day is done) but charges nothing and publishes no event.
public struct UsageRollup: Codable, Sendable, Equatable {
    public var object = "usage_rollup"
    public let id: String
    public let operatorID: String
    /// The usage day, `YYYY-MM-DD`.
    public let date: String
    public let windowStart: Timestamp
    public let windowEnd: Timestamp
    public let strategyDays: Int
    public let amountPaise: Int64
    /// The price of one strategy-day in force when the day was rolled up.
    public let strategyDayPricePaise: Int64
    public let currency: String
    public let byPlan: [UsageLine]
    public let byBroker: [UsageLine]
    /// The ledger debit; nil when nothing was charged.
    public let walletEntryID: String?
    public let walletBalancePaise: Int64
    public let livemode: Bool
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, date, currency, livemode
        case operatorID = "operator_id", windowStart = "window_start", windowEnd = "window_end"
        case strategyDays = "strategy_days", amountPaise = "amount_paise", strategyDayPricePaise = "strategy_day_price_paise"
        case byPlan = "by_plan", byBroker = "by_broker", walletEntryID = "wallet_entry_id"
        case walletBalancePaise = "wallet_balance_paise", createdAt = "created_at"
    }
}
