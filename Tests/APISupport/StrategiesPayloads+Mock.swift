import Kernel
@testable import Strategies

/// Strategies' event payloads built directly, for tests that play Strategies on the bus with its own types.
extension StrategyDeployedPayload {
    public static func mock(strategyID: String, userID: String, planID: String, broker: String = "zerodha") -> StrategyDeployedPayload {
        StrategyDeployedPayload(strategyID: strategyID, userID: userID, planID: planID, broker: broker, fromMode: .paper, burnPerDayPaise: 1500)
    }
}

extension StrategyPausedPayload {
    public static func mock(
        strategyID: String, userID: String, planID: String, broker: String? = "zerodha", reason: PauseReason = .clientPaused
    ) -> StrategyPausedPayload {
        StrategyPausedPayload(strategyID: strategyID, userID: userID, planID: planID, broker: broker, reason: reason)
    }
}
