import Kernel

extension Accounts {
    /// Opens a dashboard session for a member who just proved their password. The raw token is returned once, for
    /// the cookie; only its SHA-256 is stored. New sessions start in live mode.
    public func openMemberSession(for member: Member) async throws -> (token: String, session: MemberSession) {
        let token = SecretToken.token(prefix: "ms_")
        let lifetime = settings.memberSessionLifetime
        let session = try await database.write { tx in
            let expires = tx.now + lifetime
            try tx.execute(
                "INSERT INTO member_sessions(token_hash, member_id, operator_id, mode, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                [SecretToken.hash(token), member.id, member.operatorID, Mode.live, tx.now, expires])
            return MemberSession(member: member, mode: .live, expiresAt: expires)
        }
        return (token, session)
    }

    /// The live session a cookie token stands for, or nil when it is malformed, unknown, expired or signed out.
    public func memberSession(token: String) async -> MemberSession? {
        guard token.hasPrefix("ms_"), token.count < 100 else { return nil }
        let hash = SecretToken.hash(token)
        return try? await database.read { tx -> MemberSession? in
            guard let row = try tx.queryOne(
                """
                SELECT s.token_hash, s.mode, s.expires_at, m.id, m.operator_id, m.email, m.created_at
                FROM member_sessions s JOIN members m ON m.id = s.member_id WHERE s.token_hash = ? AND s.expires_at > ?
                """, [hash, tx.now]),
                ConstantTime.equals(try row.get("token_hash"), hash)
            else { return nil }
            let member = Member(id: try row.get("id"), operatorID: try row.get("operator_id"), email: try row.get("email"),
                                createdAt: try row.get("created_at"))
            return MemberSession(member: member, mode: try row.get("mode"), expiresAt: try row.get("expires_at"))
        }
    }

    /// Switches the session between the live data and the sandbox.
    public func setMemberSessionMode(token: String, mode: Mode) async throws {
        try await database.write { tx in
            try tx.execute("UPDATE member_sessions SET mode = ? WHERE token_hash = ?", [mode, SecretToken.hash(token)])
        }
    }

    /// Signs the session out; closing an unknown or closed session changes nothing.
    public func closeMemberSession(token: String) async throws {
        try await database.write { tx in
            try tx.execute("DELETE FROM member_sessions WHERE token_hash = ?", [SecretToken.hash(token)])
        }
    }
}
