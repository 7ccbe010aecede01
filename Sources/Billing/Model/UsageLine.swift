/// Strategy-days and their charge for one group of usage rows: a day, a plan, a broker or a user.
///
/// Only the key of the grouping is present (`date` when grouped by day, and so on). The same shape is a row of
/// the usage report and an entry of `usage.daily`'s `by_plan` / `by_broker`.
public struct UsageLine: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var date: String?
    public var planID: String?
    public var broker: String?
    public var userID: String?
    public let strategyDays: Int
    public let amountPaise: Int64
    public var currency = "INR"

    enum CodingKeys: String, CodingKey {
        case date, broker, currency
        case planID = "plan_id", userID = "user_id", strategyDays = "strategy_days", amountPaise = "amount_paise"
    }
}

/// The sums over a usage report: they reconcile to the `usage.daily` events and the wallet's usage debits.
public struct UsageTotals: Codable, Sendable, Equatable {
    public let strategyDays: Int
    public let amountPaise: Int64

    enum CodingKeys: String, CodingKey { case strategyDays = "strategy_days", amountPaise = "amount_paise" }
}

/// `GET /v1/wl/usage`: the groups in key order and their totals.
public struct UsageReport: Codable, Sendable, Equatable {
    public var object = "list"
    public let data: [UsageLine]
    public let totals: UsageTotals
}
