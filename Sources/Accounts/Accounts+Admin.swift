import Kernel

extension Accounts {
    /// Settles the platform admin token at start-up. With `configured`, that token is the admin token. Without it,
    /// the stored hash from an earlier start is used; on the very first start a token is generated, its hash stored,
    /// and the token returned so the caller can print it once.
    public func prepareAdminToken(configured: String?) async throws -> String? {
        if let configured {
            adminTokenHash = SecretToken.hash(configured)
            return nil
        }
        let generated = "adm_" + SecretToken.random(40)
        let (hash, isNew) = try await database.write { tx -> ([UInt8], Bool) in
            if let stored = try tx.scalar("SELECT value FROM accounts_settings WHERE name = 'admin_token_hash'", as: String.self),
               let bytes = Base64.decode(stored) {
                return (bytes, false)
            }
            let hash = SecretToken.hash(generated)
            try tx.execute("INSERT OR IGNORE INTO accounts_settings(name, value) VALUES ('admin_token_hash', ?)", [Base64.encode(hash)])
            if tx.changes == 1 { return (hash, true) }
            // Another replica starting at the same moment stored its token first: that one is the admin token.
            guard let stored = try tx.scalar("SELECT value FROM accounts_settings WHERE name = 'admin_token_hash'", as: String.self),
                  let bytes = Base64.decode(stored)
            else { throw StorageError(.engine, "the stored admin token hash cannot be read") }
            return (bytes, false)
        }
        adminTokenHash = hash
        return isNew ? generated : nil
    }

    /// Whether `token` is the platform admin token (constant-time).
    public func isAdminToken(_ token: String) -> Bool {
        guard let adminTokenHash else { return false }
        return ConstantTime.equals(SecretToken.hash(token), adminTokenHash)
    }
}
