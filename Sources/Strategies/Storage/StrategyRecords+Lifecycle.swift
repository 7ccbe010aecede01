import Kernel

extension StrategyRecords {
    /// Applies `command` to `found` as ``StrategyLifecycle`` decides: writes the new status and publishes the event
    /// in the caller's transaction. Returns the strategy as it now is.
    static func perform(_ command: StrategyLifecycle.Command, on found: Found, _ tx: Transaction) throws -> Strategy {
        let strategy = found.strategy
        let facts = StrategyLifecycle.Facts(clientActive: found.clientActive, brokerConnected: strategy.broker?.status == "connected")
        guard let transition = try StrategyLifecycle.decide(strategy.status, command, facts) else { return strategy }
        switch command {
        case .deploy(let mode):
            try tx.execute(
                """
                UPDATE strategies SET status = ?, trading_mode = ?, deployed_at = ?, paused_at = NULL, pause_reason = NULL, updated_at = ?
                WHERE id = ?
                """,
                [transition.to, mode, tx.now, tx.now, strategy.id])
        case .pause(let reason):
            try tx.execute("UPDATE strategies SET status = 'paused', paused_at = ?, pause_reason = ?, updated_at = ? WHERE id = ?",
                           [tx.now, reason, tx.now, strategy.id])
        }
        if let event = transition.event { try publish(event, for: found, tx) }
        return try find(strategy.id, tx).strategy
    }

    /// Pauses each of the client's strategies that is in `statuses` (the bus reactions).
    static func pauseAll(userID: String, in statuses: [StrategyStatus], reason: PauseReason, _ scope: TenantScope, _ tx: Transaction) throws {
        for found in try all(userID: userID, in: statuses, scope, tx) {
            _ = try perform(.pause(reason), on: found, tx)
        }
    }

    private static func publish(_ event: StrategyLifecycle.Event, for found: Found, _ tx: Transaction) throws {
        let strategy = found.strategy, scope = found.scope
        switch event {
        case .deployed(let from):
            // The lifecycle deploys live only with a connected broker, so the name is there.
            let payload = StrategyDeployedPayload(
                strategyID: strategy.id, userID: strategy.userID, planID: found.planID, broker: strategy.broker?.name ?? "",
                fromMode: from, burnPerDayPaise: try OperatorPrices.price(scope.operatorID, tx))
            try tx.publish(NewEvent(type: StrategiesEvent.deployed, tenant: scope.operatorID, mode: scope.mode, payload: payload))
        case .paused(let reason):
            let payload = StrategyPausedPayload(
                strategyID: strategy.id, userID: strategy.userID, planID: found.planID, broker: strategy.broker?.name, reason: reason)
            try tx.publish(NewEvent(type: StrategiesEvent.paused, tenant: scope.operatorID, mode: scope.mode, payload: payload))
        }
    }
}
