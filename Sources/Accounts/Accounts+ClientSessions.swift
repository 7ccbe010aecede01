import Kernel

extension Accounts {
    /// Redeems a one-time login token for a session. The token is consumed atomically: of two concurrent
    /// redemptions exactly one succeeds. Unknown, used and expired tokens get the same answer.
    public func redeemLoginToken(_ token: String) async throws -> ClientSession {
        let invalid = DomainError(.unauthenticated, code: .invalidLoginToken, "The login link is invalid, used or expired.")
        guard token.hasPrefix("lt_"), token.count < 100 else { throw invalid }
        let session = SecretToken.token(prefix: "cs_")
        let lifetime = settings.sessionLifetime
        return try await database.write { tx in
            guard let link = try tx.queryOne(
                "SELECT user_id, operator_id, mode, expires_at FROM login_links WHERE token_hash = ? AND used_at IS NULL",
                [SecretToken.hash(token)])
            else { throw invalid }
            let scope = TenantScope(operatorID: try link.get("operator_id"), mode: try link.get("mode"))
            tx.useClock(of: scope)
            guard try link.get("expires_at", as: Timestamp.self) > tx.now else { throw invalid }
            try tx.execute("UPDATE login_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", [tx.now, SecretToken.hash(token)])
            guard tx.changes == 1 else { throw invalid }
            let user = try Self.user(try link.get("user_id"), scope, tx)
            guard user.isActive else { throw invalid }
            return try Self.openSession(session, for: user, scope, lifetime: lifetime, tx)
        }
    }

    /// A client signing up through the operator's branded login: creates the user (on the operator's default plan
    /// unless one is named), publishes `user.created` with source `signup`, and signs them in.
    public func signup(_ input: ClientSignup) async throws -> ClientSession {
        let valid = try Self.validate(NewUser(email: input.email, phone: input.phone, planID: input.planID ?? "default"))
        let session = SecretToken.token(prefix: "cs_"), token = SecretToken.token(prefix: "lt_")
        let (linkLifetime, sessionLifetime) = (settings.loginLinkLifetime, settings.sessionLifetime)
        let mode: Mode = input.sandbox == true ? .test : .live
        do {
            return try await database.write { tx in
                guard let operatorID = try tx.scalar("SELECT id FROM operators WHERE slug = ?", [input.operator], as: String.self) else {
                    throw DomainError(.notFound, code: .operatorNotFound, "No operator '\(input.operator)'.",
                                      fields: [.init(field: "operator", message: "no such operator")])
                }
                let scope = TenantScope(operatorID: operatorID, mode: mode)
                tx.useClock(of: scope)
                let plan = try input.planID.map { try Self.plan($0, in: scope, field: "plan_id", tx) } ?? Self.defaultPlan(in: scope, tx)
                var row = valid
                row.planID = plan.id
                let created = try Self.insertUser(row, scope, source: "signup", creationKey: nil, token: token, lifetime: linkLifetime, tx)
                return try Self.openSession(session, for: created.user, scope, lifetime: sessionLifetime, tx)
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw DomainError(.conflict, code: .emailTaken, "A user with this email already exists; use a login link.",
                              fields: [.init(field: "email", message: "is taken")])
        }
    }

    /// The client a session token belongs to, or nil when unknown or expired.
    public func authenticateClient(sessionToken: String) async -> ClientPrincipal? {
        guard sessionToken.hasPrefix("cs_"), sessionToken.count < 100 else { return nil }
        let hash = SecretToken.hash(sessionToken)
        return try? await database.read { tx -> ClientPrincipal? in
            guard let row = try tx.queryOne(
                "SELECT user_id, operator_id, mode, token_hash, expires_at FROM client_sessions WHERE token_hash = ?", [hash]),
                ConstantTime.equals(try row.get("token_hash"), hash)
            else { return nil }
            let scope = TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode"))
            guard try row.get("expires_at", as: Timestamp.self) > tx.now(for: scope) else { return nil }
            return ClientPrincipal(scope: scope, userID: try row.get("user_id"))
        }
    }

    static func openSession(_ token: String, for user: User, _ scope: TenantScope, lifetime: Duration, _ tx: Transaction) throws -> ClientSession {
        let expires = tx.now + lifetime
        try tx.execute(
            "INSERT INTO client_sessions(token_hash, user_id, operator_id, mode, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [SecretToken.hash(token), user.id, scope.operatorID, scope.mode, tx.now, expires])
        return ClientSession(sessionToken: token, expiresAt: expires, user: user)
    }
}
