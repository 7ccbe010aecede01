/// `operator.created` / `operator.updated` as Accounts publishes them.
struct OperatorSettingsEvent: Encodable {
    let operatorID: String
    let slug: String
    var tier = "standard"
    var limits: [String: Int] = [:]
    let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey {
        case operatorID = "operator_id", slug, tier, limits, strategyDayPricePaise = "strategy_day_price_paise"
    }
}

/// `strategy.deployed` / `strategy.paused` as Strategies publishes them.
struct StrategyEvent: Encodable {
    let strategyID: String
    let userID: String
    let planID: String
    let broker: String
    let fromMode: String?
    let burnPerDayPaise: Int64?
    let reason: String?

    enum CodingKeys: String, CodingKey {
        case strategyID = "strategy_id", userID = "user_id", planID = "plan_id", broker, fromMode = "from_mode"
        case burnPerDayPaise = "burn_per_day_paise", reason
    }
}
