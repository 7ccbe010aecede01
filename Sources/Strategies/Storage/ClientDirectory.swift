import Kernel

/// Strategies' own read model of the operators' clients, kept current from Accounts' events (Strategies never
/// reads Accounts' tables): each client's plan, whether they are active, and their broker link.
enum ClientDirectory {
    /// Whether the client is active (false: deleted, within retention); nil when Strategies knows no such client in
    /// this scope (never created, purged, or another tenant's or mode's).
    static func isActive(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> Bool? {
        try tx.scalar("SELECT status FROM strategies_clients WHERE id = ? AND operator_id = ? AND mode = ?",
                      [id, scope.operatorID, scope.mode], as: String.self).map { $0 == "active" }
    }

    /// Whether any client Strategies knows of, in any state, is on `planID` in this scope. (Accounts publishes no
    /// plan events, so a plan nobody has joined is indistinguishable from a plan that does not exist.)
    static func knowsPlan(_ planID: String, _ scope: TenantScope, _ tx: Transaction) throws -> Bool {
        try tx.scalar("SELECT 1 FROM strategies_clients WHERE operator_id = ? AND mode = ? AND plan_id = ? LIMIT 1",
                      [scope.operatorID, scope.mode, planID], as: Int.self) != nil
    }

    static func activeCount(onPlan planID: String, _ scope: TenantScope, _ tx: Transaction) throws -> Int {
        try tx.scalar("SELECT COUNT(*) FROM strategies_clients WHERE operator_id = ? AND mode = ? AND plan_id = ? AND status = 'active'",
                      [scope.operatorID, scope.mode, planID], as: Int.self) ?? 0
    }

    /// Records a new client; a second `user.created` for the same id changes nothing.
    static func add(_ user: UserCreatedMessage.User, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute(
            """
            INSERT OR IGNORE INTO strategies_clients(id, operator_id, mode, plan_id, status) VALUES (?, ?, ?, ?, ?)
            """,
            [user.id, scope.operatorID, scope.mode, user.planID, user.status == "active" ? "active" : "deleted"])
    }

    static func connectBroker(_ message: BrokerConnectedMessage, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE strategies_clients SET broker = ?, broker_status = 'connected', client_code_masked = ?
            WHERE id = ? AND operator_id = ? AND mode = ?
            """,
            [message.broker, message.clientCodeMasked, message.userID, scope.operatorID, scope.mode])
    }

    static func disconnectBroker(_ userID: String, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute("UPDATE strategies_clients SET broker_status = 'disconnected' WHERE id = ? AND operator_id = ? AND mode = ?",
                       [userID, scope.operatorID, scope.mode])
    }

    static func setActive(_ userID: String, _ active: Bool, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute("UPDATE strategies_clients SET status = ? WHERE id = ? AND operator_id = ? AND mode = ?",
                       [active ? "active" : "deleted", userID, scope.operatorID, scope.mode])
    }

    /// Forgets a purged client together with their strategies.
    static func purge(_ userID: String, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute("DELETE FROM strategies WHERE user_id = ? AND operator_id = ? AND mode = ?", [userID, scope.operatorID, scope.mode])
        try tx.execute("DELETE FROM strategies_clients WHERE id = ? AND operator_id = ? AND mode = ?", [userID, scope.operatorID, scope.mode])
    }
}
