import Kernel

extension Accounts {
    /// Links (or re-links) the client's broker account and publishes `user.broker_connected` with the code masked.
    public func connectBroker(_ client: ClientPrincipal, _ link: BrokerLink) async throws -> User {
        let broker = try Validators.text(link.broker, field: "broker", max: 50).lowercased()
        let code = try Validators.clientCode(link.clientCode)
        let scope = client.scope
        return try await database.write(for: scope) { tx in
            let user = try Self.user(client.userID, scope, tx)
            guard user.isActive else { throw DomainError.notFound(.user, client.userID) }
            if let expiry = link.expiresAt, expiry <= tx.now { throw DomainError.invalidField("expires_at", "must be in the future") }
            try tx.execute(
                """
                INSERT INTO broker_connections(user_id, operator_id, mode, broker, client_code, status, connected_at, expires_at)
                VALUES (?, ?, ?, ?, ?, 'connected', ?, ?)
                ON CONFLICT(user_id) DO UPDATE SET broker = excluded.broker, client_code = excluded.client_code,
                    status = 'connected', connected_at = excluded.connected_at, expires_at = excluded.expires_at,
                    disconnected_at = NULL, disconnect_reason = NULL
                """,
                [user.id, scope.operatorID, scope.mode, broker, code, tx.now, link.expiresAt])
            try tx.publish(NewEvent(type: AccountsEvent.userBrokerConnected, tenant: scope.operatorID, mode: scope.mode,
                                    payload: BrokerConnectedPayload(userID: user.id, broker: broker,
                                                                    clientCodeMasked: Validators.maskClientCode(code), expiresAt: link.expiresAt)))
            return try Self.user(user.id, scope, tx)
        }
    }

    /// The client unlinks their broker: `broker.disconnected` with reason `revoked`.
    public func disconnectBroker(_ client: ClientPrincipal) async throws -> User {
        try await database.write(for: client.scope) { tx in
            guard try Self.disconnect(userID: client.userID, scope: client.scope, reason: "revoked", tx) else {
                throw DomainError(.conflict, code: .brokerNotConnected, "No broker is connected.")
            }
            return try Self.user(client.userID, client.scope, tx)
        }
    }

    /// Marks a connected link disconnected and publishes the event. Returns false when nothing was connected.
    static func disconnect(userID: String, scope: TenantScope, reason: String, _ tx: Transaction) throws -> Bool {
        guard let broker = try tx.scalar(
            "SELECT broker FROM broker_connections WHERE user_id = ? AND operator_id = ? AND mode = ? AND status = 'connected'",
            [userID, scope.operatorID, scope.mode], as: String.self)
        else { return false }
        try tx.execute("UPDATE broker_connections SET status = 'disconnected', disconnected_at = ?, disconnect_reason = ? WHERE user_id = ?",
                       [tx.now, reason, userID])
        try tx.publish(NewEvent(type: AccountsEvent.brokerDisconnected, tenant: scope.operatorID, mode: scope.mode,
                                payload: BrokerDisconnectedPayload(userID: userID, broker: broker, reason: reason)))
        return true
    }
}
