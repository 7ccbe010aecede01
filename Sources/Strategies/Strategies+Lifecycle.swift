import Kernel

extension Strategies {
    /// The client deploys their strategy to paper or live trading (see ``StrategyLifecycle`` for the rules).
    /// Entering live publishes `strategy.deployed`. Deploying to where it already runs changes nothing.
    public func deploy(_ scope: TenantScope, userID: String, strategyID: String, mode: TradingMode) async throws -> Strategy {
        try await database.write(for: scope) { tx in
            try StrategyRecords.perform(.deploy(mode), on: try StrategyRecords.find(strategyID, userID: userID, scope, tx), tx)
        }
    }

    /// The client pauses their strategy. Leaving live publishes `strategy.paused` with reason `client_paused`.
    public func pause(_ scope: TenantScope, userID: String, strategyID: String) async throws -> Strategy {
        try await database.write(for: scope) { tx in
            try StrategyRecords.perform(.pause(.clientPaused), on: try StrategyRecords.find(strategyID, userID: userID, scope, tx), tx)
        }
    }

    /// The trading engine (or an admin) reports that a strategy breached its risk limits: it is paused with reason
    /// `risk_limit`. Takes no scope: strategy ids are global. Idempotent: a paused strategy stays as it is.
    public func riskBreach(strategyID: String) async throws -> Strategy {
        try await database.write { tx in
            let found = try StrategyRecords.find(strategyID, tx)
            tx.useClock(of: found.scope)
            return try StrategyRecords.perform(.pause(.riskLimit), on: found, tx)
        }
    }
}
