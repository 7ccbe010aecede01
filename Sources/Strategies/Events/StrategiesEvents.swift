import Kernel

/// The event types Strategies publishes. Billing meters live strategy-days from these two alone: a strategy is
/// live from its `strategy.deployed` to its next `strategy.paused`.
public enum StrategiesEvent {
    public static let deployed = "strategy.deployed"
    public static let paused = "strategy.paused"
}

/// `strategy.deployed`: a strategy entered live trading.
public struct StrategyDeployedPayload: Codable, Sendable, Equatable {
    public let strategyID: String
    public let userID: String
    public let planID: String
    /// The broker it trades through.
    public let broker: String
    /// The status it left: `draft`, `paper` or `paused`.
    public let fromMode: StrategyStatus
    /// The operator's price of one live strategy-day at the time of deployment.
    public let burnPerDayPaise: Int64

    enum CodingKeys: String, CodingKey {
        case broker
        case strategyID = "strategy_id", userID = "user_id", planID = "plan_id", fromMode = "from_mode"
        case burnPerDayPaise = "burn_per_day_paise"
    }
}

/// `strategy.paused`: a live strategy stopped trading.
public struct StrategyPausedPayload: Codable, Sendable, Equatable {
    public let strategyID: String
    public let userID: String
    public let planID: String
    public let broker: String?
    public let reason: PauseReason

    enum CodingKeys: String, CodingKey {
        case broker, reason
        case strategyID = "strategy_id", userID = "user_id", planID = "plan_id"
    }
}
