import Kernel

extension Strategies {
    /// Every strategy of a client, newest first, by cursor (`limit` 1…100). A deleted client's list still answers
    /// until they are purged; an unknown client, or another tenant's or mode's, is 404.
    public func listUserStrategies(_ scope: TenantScope, userID: String, limit: Int = 20, startingAfter: String? = nil) async throws -> StrategyList {
        guard (1...100).contains(limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        return try await database.read { tx in
            guard try ClientDirectory.isActive(userID, scope, tx) != nil else { throw DomainError.notFound(.user, userID) }
            var clause = " WHERE s.user_id = ? AND s.operator_id = ? AND s.mode = ?"
            var arguments: [any SQLValueConvertible] = [userID, scope.operatorID, scope.mode]
            if let startingAfter {
                guard let seq = try tx.scalar("SELECT seq FROM strategies WHERE id = ? AND user_id = ? AND operator_id = ? AND mode = ?",
                                              [startingAfter, userID, scope.operatorID, scope.mode], as: Int64.self)
                else { throw DomainError.unknownCursor("strategy", startingAfter) }
                clause += " AND s.seq < ?"
                arguments.append(seq)
            }
            clause += " ORDER BY s.seq DESC LIMIT ?"
            arguments.append(limit + 1)
            let page = try StrategyRecords.query(clause, arguments, tx).map(\.strategy)
            return StrategyList(data: Array(page.prefix(limit)), hasMore: page.count > limit)
        }
    }

    /// The signed-in client's own strategies for the client app, newest first, all of them (a client holds one copy
    /// per template, so the list stays short).
    public func listClientStrategies(_ scope: TenantScope, userID: String) async throws -> StrategyList {
        try await database.read { tx in
            guard try ClientDirectory.isActive(userID, scope, tx) != nil else { throw DomainError.notFound(.user, userID) }
            let all = try StrategyRecords.query(" WHERE s.user_id = ? AND s.operator_id = ? AND s.mode = ? ORDER BY s.seq DESC",
                                                [userID, scope.operatorID, scope.mode], tx)
            return StrategyList(data: all.map(\.strategy), hasMore: false)
        }
    }
}
