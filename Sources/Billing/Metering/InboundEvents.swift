import Kernel

/// The other modules' events Billing meters by, decoded with its own mirrors of their payloads (it imports no
/// other domain). Unknown keys are ignored, so publishers may add fields freely.
enum InboundEvent {
    static let strategyDeployed = "strategy.deployed"
    static let strategyPaused = "strategy.paused"
    static let operatorCreated = "operator.created"
    static let operatorUpdated = "operator.updated"

    /// Every event Billing reads, with its mirror.
    static let mirrors = [
        EventMirror(strategyDeployed, payload: StrategyDeployed.self), EventMirror(strategyPaused, payload: StrategyPaused.self),
        EventMirror(operatorCreated, payload: OperatorSettings.self), EventMirror(operatorUpdated, payload: OperatorSettings.self),
    ]
}

/// `strategy.deployed`: a strategy entered live trading (in the event's mode, at the event's time).
///
/// The publisher's `burn_per_day_paise` is not read: Billing charges its own price in force at roll-up time.
struct StrategyDeployed: Decodable {
    let strategyID: String
    let userID: String
    let planID: String
    let broker: String

    enum CodingKeys: String, CodingKey { case strategyID = "strategy_id", userID = "user_id", planID = "plan_id", broker }
}

/// `strategy.paused`: a strategy left live trading.
struct StrategyPaused: Decodable {
    let strategyID: String

    enum CodingKeys: String, CodingKey { case strategyID = "strategy_id" }
}

/// `operator.created` / `operator.updated`: the price Billing charges (both modes; the event's mode is always live).
struct OperatorSettings: Decodable {
    let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey { case strategyDayPricePaise = "strategy_day_price_paise" }
}
