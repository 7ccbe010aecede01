import Kernel

/// The event types Billing publishes; both are operator-facing webhooks.
public enum BillingEvent {
    /// A usage day was rolled up: every day, for every operator and mode, with zeros on a day with nothing live.
    public static let usageDaily = "usage.daily"
    /// A wallet's runway crossed under its threshold, or it went negative.
    public static let walletLowBalance = "wallet.low_balance"
}

/// `usage.daily`: one operator's charge for one usage day in one mode, with its breakdowns.
///
/// The sums of `by_plan` and of `by_broker` each equal `strategy_days` and `amount_paise`, which equal the
/// wallet's debit for the day to the paisa.
public struct UsageDailyPayload: Codable, Sendable, Equatable {
    public let date: String
    public let windowStart: Timestamp
    public let windowEnd: Timestamp
    public let strategyDays: Int
    public let amountPaise: Int64
    public let currency: String
    public let byPlan: [UsageLine]
    public let byBroker: [UsageLine]
    /// The wallet's balance after the day's debit.
    public let walletBalancePaise: Int64

    enum CodingKeys: String, CodingKey {
        case date, currency
        case windowStart = "window_start", windowEnd = "window_end", strategyDays = "strategy_days"
        case amountPaise = "amount_paise", byPlan = "by_plan", byBroker = "by_broker", walletBalancePaise = "wallet_balance_paise"
    }

    init(_ rollup: UsageRollup) {
        date = rollup.date
        windowStart = rollup.windowStart
        windowEnd = rollup.windowEnd
        strategyDays = rollup.strategyDays
        amountPaise = rollup.amountPaise
        currency = rollup.currency
        byPlan = rollup.byPlan
        byBroker = rollup.byBroker
        walletBalancePaise = rollup.walletBalancePaise
    }
}

/// `wallet.low_balance`: the wallet as it stood when its runway crossed under the threshold or its balance went
/// negative.
public struct LowBalancePayload: Codable, Sendable, Equatable {
    public let balancePaise: Int64
    public let dailyBurnPaise: Int64
    /// Nil (JSON `null`) when nothing burns: then the alert is for a negative balance.
    public let runwayDays: Double?
    public let thresholdDays: Int

    init(balancePaise: Int64, dailyBurnPaise: Int64, runwayDays: Double?, thresholdDays: Int) {
        self.balancePaise = balancePaise
        self.dailyBurnPaise = dailyBurnPaise
        self.runwayDays = runwayDays
        self.thresholdDays = thresholdDays
    }

    enum CodingKeys: String, CodingKey {
        case balancePaise = "balance_paise", dailyBurnPaise = "daily_burn_paise", runwayDays = "runway_days", thresholdDays = "threshold_days"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(balancePaise, forKey: .balancePaise)
        try container.encode(dailyBurnPaise, forKey: .dailyBurnPaise)
        try container.encode(runwayDays, forKey: .runwayDays)
        try container.encode(thresholdDays, forKey: .thresholdDays)
    }
}
