import Kernel

/// Reading strategies back, always joined with their template version's name and their client's read model.
enum StrategyRecords {
    /// A strategy with what its lifecycle decisions and events need to know about its client.
    struct Found: Sendable {
        let strategy: Strategy
        let scope: TenantScope
        let planID: String
        let clientActive: Bool
    }

    static let select = """
        SELECT s.seq, s.id, s.user_id, s.operator_id, s.mode, s.template_id, s.template_version, s.available_version,
               s.status, s.trading_mode, s.realized_paise, s.unrealized_paise, s.pnl_as_of, s.deployed_at, s.paused_at,
               s.pause_reason, s.created_at, v.name, c.plan_id, c.status AS client_status, c.broker, c.broker_status,
               c.client_code_masked
        FROM strategies s
        JOIN strategy_template_versions v ON v.template_id = s.template_id AND v.version = s.template_version
        JOIN strategies_clients c ON c.id = s.user_id
        """

    /// The client's strategy `id` in this scope, or 404.
    static func find(_ id: String, userID: String, _ scope: TenantScope, _ tx: Transaction) throws -> Found {
        guard let found = try query(" WHERE s.id = ? AND s.user_id = ? AND s.operator_id = ? AND s.mode = ?",
                                    [id, userID, scope.operatorID, scope.mode], tx).first
        else { throw DomainError.notFound(.strategy, id) }
        return found
    }

    /// The strategy `id` in any tenant, for the trading engine's calls (strategy ids are global), or 404.
    static func find(_ id: String, _ tx: Transaction) throws -> Found {
        guard let found = try query(" WHERE s.id = ?", [id], tx).first else { throw DomainError.notFound(.strategy, id) }
        return found
    }

    /// The client's strategies in `statuses`, oldest first.
    static func all(userID: String, in statuses: [StrategyStatus], _ scope: TenantScope, _ tx: Transaction) throws -> [Found] {
        let marks = Array(repeating: "?", count: statuses.count).joined(separator: ", ")
        return try query(" WHERE s.user_id = ? AND s.operator_id = ? AND s.mode = ? AND s.status IN (\(marks)) ORDER BY s.seq",
                         [userID, scope.operatorID, scope.mode] + statuses, tx)
    }

    static func query(_ clause: String, _ arguments: [any SQLValueConvertible], _ tx: Transaction) throws -> [Found] {
        try tx.query(select + clause, arguments).map { row in
            Found(strategy: try Strategy(row: row),
                  scope: TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode")),
                  planID: try row.get("plan_id"), clientActive: try row.get("client_status", as: String.self) == "active")
        }
    }
}

extension Strategy {
    /// A row of ``StrategyRecords/select``.
    init(row: Row) throws {
        let available: Int? = try row.get("available_version")
        let broker = try row.get("broker", as: String?.self).map { name in
            StrategyBroker(name: name, status: try row.get("broker_status"), clientCodeMasked: try row.get("client_code_masked"))
        }
        self.init(
            id: try row.get("id"), userID: try row.get("user_id"), name: try row.get("name"), mode: try row.get("trading_mode"),
            status: try row.get("status"), templateID: try row.get("template_id"), templateVersion: try row.get("template_version"),
            updateAvailable: available != nil, availableTemplateVersion: available,
            pnl: StrategyPnL(realizedPaise: try row.get("realized_paise"), unrealizedPaise: try row.get("unrealized_paise"),
                             asOf: try row.get("pnl_as_of")),
            broker: broker, deployedAt: try row.get("deployed_at"), pausedAt: try row.get("paused_at"),
            pauseReason: try row.get("pause_reason"), livemode: try row.get("mode", as: Mode.self) == .live,
            createdAt: try row.get("created_at"))
    }
}
