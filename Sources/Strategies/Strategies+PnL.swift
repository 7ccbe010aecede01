import Kernel

extension Strategies {
    /// The trading engine's P&L feed for one strategy (ids are global, no scope). Reports can arrive out of order:
    /// one no newer than the last applied is ignored. Returns whether this one was applied; 404 for an unknown id.
    @discardableResult
    public func recordPnL(strategyID: String, realizedPaise: Int64, unrealizedPaise: Int64, asOf: Timestamp) async throws -> Bool {
        try await database.write { tx in
            try tx.execute(
                """
                UPDATE strategies SET realized_paise = ?, unrealized_paise = ?, pnl_as_of = ?, updated_at = ?
                WHERE id = ? AND (pnl_as_of IS NULL OR pnl_as_of < ?)
                """,
                [realizedPaise, unrealizedPaise, asOf, tx.now, strategyID, asOf])
            if tx.changes == 1 { return true }
            guard try tx.scalar("SELECT 1 FROM strategies WHERE id = ?", [strategyID], as: Int.self) != nil else {
                throw DomainError.notFound(.strategy, strategyID)
            }
            return false
        }
    }
}
