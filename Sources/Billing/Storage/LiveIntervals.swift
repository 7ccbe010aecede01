import Kernel

/// Each strategy's live intervals per operator and mode, with the client, plan and broker it ran under: the
/// meter's record of who was live when. An interval is `[started_at, ended_at)`; an open one has no end.
enum LiveIntervals {
    /// One strategy-day to charge: a strategy live in the window, under the attributes of its latest interval there.
    struct StrategyDay: Equatable {
        let strategyID: String
        let userID: String
        let planID: String
        let broker: String
    }

    /// Opens an interval at `at`. A strategy already live is re-deployed: its open interval ends at `at`, so a
    /// changed plan or broker takes effect from then on.
    static func open(_ deployed: StrategyDeployed, _ scope: TenantScope, at: Timestamp, _ tx: Transaction) throws {
        try close(deployed.strategyID, scope, at: at, tx)
        try tx.execute(
            """
            INSERT INTO billing_live_intervals(operator_id, mode, strategy_id, user_id, plan_id, broker, started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [scope.operatorID, scope.mode, deployed.strategyID, deployed.userID, deployed.planID, deployed.broker, at])
    }

    /// Ends the strategy's open interval at `at` (never before it started); a strategy not live is left alone.
    static func close(_ strategyID: String, _ scope: TenantScope, at: Timestamp, _ tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE billing_live_intervals SET ended_at = MAX(started_at, ?)
            WHERE operator_id = ? AND mode = ? AND strategy_id = ? AND ended_at IS NULL
            """,
            [at, scope.operatorID, scope.mode, strategyID])
    }

    /// How many strategies are live now.
    static func liveCount(_ scope: TenantScope, _ tx: Transaction) throws -> Int {
        try tx.scalar(
            "SELECT COUNT(*) FROM billing_live_intervals WHERE operator_id = ? AND mode = ? AND ended_at IS NULL",
            [scope.operatorID, scope.mode], as: Int.self) ?? 0
    }

    /// The strategies live at some moment of `window`, one each, in strategy id order.
    static func strategyDays(_ scope: TenantScope, in window: UsageWindow, _ tx: Transaction) throws -> [StrategyDay] {
        let rows = try tx.query(
            """
            SELECT strategy_id, user_id, plan_id, broker, started_at, ended_at FROM billing_live_intervals
            WHERE operator_id = ? AND mode = ? AND (ended_at IS NULL OR ended_at > ?) AND started_at < ?
            ORDER BY started_at, id
            """,
            [scope.operatorID, scope.mode, window.start, window.end])
        var latest = [String: StrategyDay]()
        for row in rows where window.overlaps(from: try row.get("started_at"), until: try row.get("ended_at")) {
            let day = StrategyDay(strategyID: try row.get("strategy_id"), userID: try row.get("user_id"),
                                  planID: try row.get("plan_id"), broker: try row.get("broker"))
            latest[day.strategyID] = day
        }
        return latest.values.sorted { $0.strategyID < $1.strategyID }
    }
}
