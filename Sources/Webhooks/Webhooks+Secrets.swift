import Kernel

extension Webhooks {
    /// At start-up, before serving: seals the endpoint secrets a release before 0.2 stored in plain text (an upgrade
    /// in place; returns how many), and refuses to go on when a secret is sealed under another master key.
    /// - Throws: ``SealingError`` `sealedUnderAnotherKey`, naming both keys: the server was started with the wrong
    ///   key file, or after a rotation with the old one.
    @discardableResult
    public func sealStoredSecrets() async throws -> Int {
        let secrets = self.secrets, keyID = settings.masterKey?.id
        return try await database.write { tx in
            try Self.rewriteSecrets(tx) { endpointID, stored in
                guard let storedKeyID = EndpointSecrets.keyID(of: stored) else { return try secrets.seal(stored, endpointID: endpointID) }
                guard storedKeyID == keyID else { throw Self.anotherKey(storedKeyID, keyID) }
                return nil
            }
        }
    }

    /// Master-key rotation: re-seals every endpoint secret under `newKey`, in one transaction. Secrets already under
    /// `newKey` are left as they are, so an interrupted rotation can be run again. Returns how many were re-sealed.
    /// The server must not run meanwhile: it would go on sealing new secrets under the old key.
    public func resealStoredSecrets(under newKey: MasterKey) async throws -> Int {
        let current = self.secrets, next = EndpointSecrets(masterKey: newKey)
        return try await database.write { tx in
            try Self.rewriteSecrets(tx) { endpointID, stored in
                guard EndpointSecrets.keyID(of: stored) != newKey.id else { return nil }
                let secret = EndpointSecrets.keyID(of: stored) == nil ? stored : try current.open(stored, endpointID: endpointID)
                return try next.seal(secret, endpointID: endpointID)
            }
        }
    }

    /// Passes every stored endpoint secret (current and previous) to `rewrite` and stores what it returns in its
    /// place (nil: leave it). Returns how many it replaced.
    private static func rewriteSecrets(_ tx: Transaction, _ rewrite: (_ endpointID: String, _ stored: String) throws -> String?) throws -> Int {
        var replaced = 0
        for row in try tx.query("SELECT id, secret, previous_secret FROM webhook_endpoints") {
            let id: String = try row.get("id")
            for column in ["secret", "previous_secret"] {
                guard let stored = try row.get(column, as: String?.self), let replacement = try rewrite(id, stored) else { continue }
                try tx.execute("UPDATE webhook_endpoints SET \(column) = ? WHERE id = ?", [replacement, id])
                replaced += 1
            }
        }
        return replaced
    }

    private static func anotherKey(_ stored: [UInt8], _ current: [UInt8]?) -> SealingError {
        SealingError(.sealedUnderAnotherKey, """
            webhook secrets in this database are sealed under master key \(stored.hexString), but this server has \
            \(current?.hexString ?? "none"): start it with the key file they were sealed with, or rotate to this key with \
            `operator-api master-key rotate`
            """)
    }
}
