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

    /// What the key is derived for: scope, key and the credential's SHA-256, each ended by a 0 byte (neither scope nor
    /// key can hold one), so no two different triples give the same context.
    private static func context(scope: String, key: String, credential: String) -> [UInt8] {
        Array(scope.utf8) + [0] + Array(key.utf8) + [0] + Digest.sha256(credential)
    }
}
