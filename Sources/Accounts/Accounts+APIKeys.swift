import Kernel

extension Accounts {
    /// The operator and mode an API key stands for, or nil when it is malformed, unknown or expired. Answered from
    /// memory once the key was seen (``APIKeyCache``); `nonisolated`, so a request never waits for the actor.
    ///
    /// A test key lives by its sandbox's clock: its grace ends, and its use is recorded, at the sandbox's time (and
    /// at the latest when the wall clock passes its expiry: the cache's own check).
    public nonisolated func authenticate(apiKey: String) async -> KeyPrincipal? {
        guard APIKeyFormat.isWellFormed(apiKey) else { return nil }
        let hash = SecretToken.hash(apiKey)
        let now = clock.now()
        switch keyCache.withLock({ $0.lookup(hash, now: now) }) {
        case .hit(let principal, let recordUse):
            let scopeNow = database.now(for: principal.scope)
            if let expiry = principal.expiresAt, expiry <= scopeNow { return nil }
            if recordUse { await recordLastUse(of: principal.keyID, at: scopeNow) }
            return principal
        case .expired:
            return nil
        case .miss(let generation):
            guard var loaded = try? await loadKey(hash) else { return nil }
            let scopeNow = database.now(for: loaded.principal.scope)
            guard loaded.expiresAt.map({ $0 > scopeNow }) ?? true else { return nil }
            loaded.lastUseRecorded = now
            keyCache.withLock { _ = $0.store(loaded, hash: hash, loadedAt: generation) }
            await recordLastUse(of: loaded.principal.keyID, at: scopeNow)
            return loaded.principal
        }
    }

    /// Drops cached keys so their next use reads the database again: called here after every change to keys, and
    /// the entry point for a change another process reports (an engine shared by several servers).
    public nonisolated func invalidateKeys(_ invalidation: APIKeyCache.Invalidation) {
        keyCache.withLock { $0.invalidate(invalidation) }
        switch invalidation {
        case .scope(let scope): invalidateProfiles(.scope(scope))
        case .all: invalidateProfiles(.all)
        }
    }

    /// Drops what ``operatorAndKey(operatorID:keyID:)`` remembers (``KeyProfileCache``).
    nonisolated func invalidateProfiles(_ invalidation: KeyProfileCache.Invalidation) {
        profileCache.withLock { $0.invalidate(invalidation) }
    }

    /// The broadcast channel on which every process hears that an operator's keys of one mode changed (payload:
    /// the operator id, a space, the mode), so that a key rotated or revoked through one replica stops working on all.
    static let keysChannel = "accounts.keys"

    /// Drops what the notification names (everything when some may have been missed).
    nonisolated func keysChanged(_ notification: DatabaseNotification) {
        switch notification {
        case .mayHaveMissed:
            invalidateKeys(.all)
        case .message(let payload):
            let parts = payload.split(separator: " ")
            guard parts.count == 2, let mode = Mode(rawValue: String(parts[1])) else { return invalidateKeys(.all) }
            invalidateKeys(.scope(TenantScope(operatorID: String(parts[0]), mode: mode)))
        }
    }

    private nonisolated func recordLastUse(of keyID: String, at now: Timestamp) async {
        _ = try? await database.write { tx in
            try tx.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [now, keyID])
        }
        invalidateProfiles(.key(keyID))
    }

    private nonisolated func loadKey(_ hash: [UInt8]) async throws -> APIKeyCache.Entry? {
        try await database.read { tx -> APIKeyCache.Entry? in
            guard let row = try tx.queryOne(
                "SELECT k.id, k.hash, k.mode, k.prefix, k.last4, k.expires_at, k.operator_id, o.slug FROM api_keys k JOIN operators o ON o.id = k.operator_id WHERE k.hash = ?",
                [hash]),
                ConstantTime.equals(try row.get("hash"), hash)
            else { return nil }
            let expiresAt: Timestamp? = try row.get("expires_at")
            let principal = KeyPrincipal(
                scope: TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode")),
                keyID: try row.get("id"), slug: try row.get("slug"),
                masked: APIKeyFormat.masked(prefix: try row.get("prefix"), last4: try row.get("last4")),
                expiresAt: expiresAt)
            return APIKeyCache.Entry(principal: principal, expiresAt: expiresAt, lastUseRecorded: nil)
        }
    }

    /// The operator and one of its keys, read together (`GET /v1/wl/me`): from memory once read
    /// (``KeyProfileCache``), and nil for the key when it is not the operator's.
    public nonisolated func operatorAndKey(operatorID: String, keyID: String) async throws -> (Operator, APIKeyInfo?) {
        let (cached, generation) = profileCache.withLock { ($0[keyID], $0.generation) }
        if let cached, cached.operator.id == operatorID { return (cached.operator, cached.key) }
        let (op, key) = try await database.read { tx in
            (try Self.operatorRow(operatorID, tx),
             try tx.queryOne("SELECT \(APIKeyInfo.columns) FROM api_keys WHERE id = ? AND operator_id = ?", [keyID, operatorID]).map(APIKeyInfo.init(row:)))
        }
        if let key { profileCache.withLock { _ = $0.store(KeyProfileCache.Profile(operator: op, key: key), loadedAt: generation) } }
        return (op, key)
    }

    /// Every key of the operator (both modes), newest first, masked.
    public nonisolated func listKeys(operatorID: String) async throws -> [APIKeyInfo] {
        try await database.read { tx in
            let now = tx.nowOfEachRow()
            return try tx.query(
                "SELECT \(APIKeyInfo.columns) FROM api_keys WHERE operator_id = ? AND (expires_at IS NULL OR expires_at > \(now.sql)) ORDER BY created_at DESC, id",
                [operatorID] + now.arguments
            ).map(APIKeyInfo.init(row:))
        }
    }

    /// Issues a new key for `mode`, schedules every current key of that mode to expire after `grace` (0: at once)
    /// and publishes `api_key.rotated`. A test key may rotate only the test key; a live key may rotate either. The
    /// grace period runs on the rotated mode's clock (a sandbox's test clock for the test key).
    public func rotateKey(_ scope: TenantScope, mode: Mode?, grace: Duration) async throws -> IssuedAPIKey {
        let mode = mode ?? scope.mode
        if scope.mode == .test && mode == .live {
            throw DomainError(.forbidden, code: .liveKeyRequired, "Only a live key can rotate the live key.")
        }
        guard grace >= .zero, grace <= .seconds(604_800) else {
            throw DomainError.invalidField("expire_old_in_seconds", "must be 0…604800")
        }
        let operatorID = scope.operatorID
        let slug = try await getOperator(operatorID).slug
        let secret = APIKeyFormat.make(slug: slug, mode: mode)
        let info = try await database.write(for: TenantScope(operatorID: operatorID, mode: mode)) { tx in
            let expiry = tx.now + grace
            let retired = try tx.query(
                "SELECT id FROM api_keys WHERE operator_id = ? AND mode = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at, id",
                [operatorID, mode, expiry]).map { try $0.get("id", as: String.self) }
            try tx.execute(
                "UPDATE api_keys SET expires_at = ? WHERE operator_id = ? AND mode = ? AND (expires_at IS NULL OR expires_at > ?)",
                [expiry, operatorID, mode, expiry])
            let id = try Self.insertKey(secret, operatorID: operatorID, mode: mode, tx)
            let info = try APIKeyInfo(row: tx.queryOne("SELECT \(APIKeyInfo.columns) FROM api_keys WHERE id = ?", [id])!)
            tx.notify(channel: Self.keysChannel, payload: "\(operatorID) \(mode.rawValue)")
            try tx.publish(NewEvent(type: AccountsEvent.apiKeyRotated, tenant: operatorID, mode: mode, payload: APIKeyRotatedPayload(
                mode: mode, keyID: id, masked: info.masked, previousKeyIDs: retired, previousKeysExpireAt: expiry)))
            return info
        }
        invalidateKeys(.scope(TenantScope(operatorID: operatorID, mode: mode)))
        return IssuedAPIKey(key: info, secret: secret)
    }

    @discardableResult
    static func insertKey(_ secret: String, operatorID: String, mode: Mode, _ tx: Transaction) throws -> String {
        let id = Identifier.make(.apiKey)
        try tx.execute(
            "INSERT INTO api_keys(id, operator_id, mode, hash, prefix, last4, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [id, operatorID, mode, SecretToken.hash(secret), APIKeyFormat.prefix(of: secret), String(secret.suffix(4)), tx.now])
        return id
    }
}
