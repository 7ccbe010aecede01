import Kernel

/// Seals the answers the idempotency store keeps for 24 h, which hold secrets (an operator's new API keys, one-time
/// login links, webhook signing secrets): AES-256-GCM under a key derived from the master key, the request's scope,
/// its `Idempotency-Key` and its credential. Only the same caller replaying the same request can read an answer
/// back; the database, its WAL and its backups hold nothing readable, and neither does the server without that
/// credential, which it never stores.
struct StoredAnswerSealer: Sendable {
    let sealer: Sealer

    init(masterKey: MasterKey) { sealer = Sealer(masterKey, purpose: "idempotent answer") }

    func seal(_ body: [UInt8], scope: String, key: String, credential: String) -> [UInt8] {
        sealer.seal(body, context: Self.context(scope: scope, key: key, credential: credential))
    }

    /// The body, or nil when it was sealed for another credential or under another master key.
    func open(_ stored: [UInt8], scope: String, key: String, credential: String) -> [UInt8]? {
        try? sealer.open(stored, context: Self.context(scope: scope, key: key, credential: credential))
    }

    /// Deletes the answers a release before 0.2 stored in plain text. They cannot be sealed: that needs the
    /// credential that made them, which the server never kept. A retry of such a request runs again (user creation
    /// still finds its first user by the key).
    static func dropPlainAnswers(_ database: Database) async throws {
        try await database.write { tx in
            for row in try tx.query("SELECT scope, key, body FROM idempotency_keys WHERE state = 'done'")
            where Sealer.keyID(of: try row.get("body", as: [UInt8]?.self) ?? []) == nil {
                try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", [try row.get("scope", as: String.self), try row.get("key", as: String.self)])
            }
        }
    }

    /// What the key is derived for: scope, key and the credential's SHA-256, each ended by a 0 byte (neither scope nor
    /// key can hold one), so no two different triples give the same context.
    private static func context(scope: String, key: String, credential: String) -> [UInt8] {
        Array(scope.utf8) + [0] + Array(key.utf8) + [0] + Digest.sha256(credential)
    }
}
