import Kernel

extension Webhooks {
    /// Registers an endpoint; the answer carries the full signing secret (shown again only on rotation).
    public func createEndpoint(_ scope: TenantScope, _ input: NewWebhookEndpoint) async throws -> WebhookEndpoint {
        let url = try await EndpointURLPolicy.validate(input.url, mode: scope.mode, allowPrivate: settings.allowPrivateTargets)
        let events = try Self.validEvents(input.events)
        let description = try Self.validDescription(input.description)
        let enabled = input.enabled ?? true
        let limit = await subscriptionLimit(scope.operatorID)
        let id = Identifier.make(.webhookEndpoint), secret = WebhookSigner.newSecret()
        let sealed = try secrets.seal(secret, endpointID: id)
        return try await database.write { tx in
            if enabled { try Self.checkQuota(scope, replacing: 0, with: events.count, of: nil, limit: limit, tx) }
            try tx.execute(
                """
                INSERT INTO webhook_endpoints(id, operator_id, mode, url, description, enabled, secret, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [id, scope.operatorID, scope.mode, url, description, enabled, sealed, tx.now, tx.now])
            try Self.replaceSubscriptions(id, events, tx)
            return try Self.endpoint(id, scope, tx).with(secret: secret)
        }
    }

    public func listEndpoints(_ scope: TenantScope) async throws -> Page<WebhookEndpoint> {
        let secrets = self.secrets
        return try await database.read { tx in
            let ids = try tx.query("SELECT id FROM webhook_endpoints WHERE operator_id = ? AND mode = ? ORDER BY created_at DESC, id",
                                   [scope.operatorID, scope.mode])
            return Page(data: try ids.map { try secrets.revealed(Self.endpoint(try $0.get("id"), scope, tx)).masked }, hasMore: false)
        }
    }

    public func getEndpoint(_ scope: TenantScope, _ id: String) async throws -> WebhookEndpoint {
        try secrets.revealed(try await database.read { tx in try Self.endpoint(id, scope, tx) }).masked
    }

    /// The endpoint's full signing secret, for an operator who re-confirmed who they are on the dashboard.
    public func signingSecret(_ scope: TenantScope, _ id: String) async throws -> String {
        try secrets.revealed(try await database.read { tx in try Self.endpoint(id, scope, tx) }).secret
    }

    /// Changes the URL, subscriptions, description or enabled flag. Enabling works as ``enableEndpoint(_:_:)``;
    /// disabling ends its open deliveries as failed. A new URL starts with a closed circuit.
    public func updateEndpoint(_ scope: TenantScope, _ id: String, _ update: WebhookEndpointUpdate) async throws -> WebhookEndpoint {
        var url: String?
        if let requested = update.url {
            url = try await EndpointURLPolicy.validate(requested, mode: scope.mode, allowPrivate: settings.allowPrivateTargets)
        }
        let events = try update.events.map(Self.validEvents)
        let description = try Self.validDescription(update.description)
        let limit = await subscriptionLimit(scope.operatorID)
        let (endpoint, switched) = try await database.write { tx -> (WebhookEndpoint, Bool?) in
            let current = try Self.endpoint(id, scope, tx)
            let enabled = update.enabled ?? current.enabled
            if enabled {
                try Self.checkQuota(scope, replacing: current.enabled ? current.events.count : 0, with: (events ?? current.events).count, of: id,
                                    limit: limit, tx)
            }
            try tx.execute("UPDATE webhook_endpoints SET url = ?, description = ?, updated_at = ? WHERE id = ?",
                           [url ?? current.url, update.description == nil ? current.description : description, tx.now, id])
            if let events { try Self.replaceSubscriptions(id, events, tx) }
            var switched: Bool?
            if enabled && (!current.enabled || url.map { $0 != current.url } ?? false) {
                try EndpointRows.enable(id, tx)
                switched = true
            } else if !enabled && current.enabled {
                var stats = StatsDelta()
                try EndpointRows.disable(id, reason: .operator, stats: &stats, tx)
                try stats.write(tx)
                switched = false
            }
            return (try Self.endpoint(id, scope, tx), switched)
        }
        switch switched {
        case true?: dispatcher.notices.reset(id, tenant: scope)
        case false?: dispatcher.notices.close(id)
        case nil: break
        }
        if switched != nil { dispatcher.wake() }
        return try secrets.revealed(endpoint).masked
    }

    /// Turns the endpoint back on (after a 410, 5 days of failures, or the operator's own switch) with its circuit
    /// closed: deliveries from now on go to it, and what was due goes at once. Its subscriptions count against the
    /// quota again.
    public func enableEndpoint(_ scope: TenantScope, _ id: String) async throws -> WebhookEndpoint {
        let limit = await subscriptionLimit(scope.operatorID)
        let endpoint = try await database.write { tx in
            let current = try Self.endpoint(id, scope, tx)
            if !current.enabled { try Self.checkQuota(scope, replacing: 0, with: current.events.count, of: id, limit: limit, tx) }
            try EndpointRows.enable(id, tx)
            return try Self.endpoint(id, scope, tx)
        }
        dispatcher.notices.reset(id, tenant: scope)
        dispatcher.wake()
        return try secrets.revealed(endpoint).masked
    }

    /// Deletes the endpoint and its subscriptions; its open deliveries end as failed. Its delivery log stays readable.
    public func deleteEndpoint(_ scope: TenantScope, _ id: String) async throws -> DeletedObject {
        let deleted = try await database.write { tx in
            _ = try Self.endpoint(id, scope, tx)
            var stats = StatsDelta()
            try EndpointRows.stopDeliveries(id, stats: &stats, tx)
            try stats.write(tx)
            try tx.execute("DELETE FROM webhook_endpoints WHERE id = ?", [id])
            return DeletedObject(id: id, object: "webhook_endpoint")
        }
        dispatcher.notices.close(id)
        dispatcher.wake()
        return deleted
    }

    /// Issues a new signing secret. The old one keeps signing alongside it for `expireOldIn` (0: retired at once),
    /// so every delivery in the overlap carries both signatures. (Secrets are sealed bound to the endpoint, not to
    /// their column, so the current one moves to `previous_secret` as it is.)
    public func rotateSecret(_ scope: TenantScope, _ id: String, expireOldIn: Duration) async throws -> WebhookEndpoint {
        guard expireOldIn >= .zero, expireOldIn <= .seconds(604_800) else {
            throw DomainError.invalidField("expire_old_in_seconds", "must be 0…604800")
        }
        let secret = WebhookSigner.newSecret()
        let sealed = try secrets.seal(secret, endpointID: id)
        let rotated = try await database.write { tx in
            let current = try Self.endpoint(id, scope, tx)
            try tx.execute(
                "UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ? WHERE id = ?",
                [sealed, current.secret, tx.now + expireOldIn, tx.now, id])
            return try Self.endpoint(id, scope, tx).with(secret: secret)
        }
        dispatcher.notices.refresh(id, tenant: scope)
        dispatcher.wake()
        return rotated
    }

    /// Active subscriptions (enabled endpoint × event type) of this operator and mode, and the quota.
    public func subscriptionUsage(_ scope: TenantScope) async throws -> (active: Int, limit: Int) {
        let limit = await subscriptionLimit(scope.operatorID)
        let active = try await database.read { tx in try Self.activeSubscriptions(scope, excluding: nil, tx) }
        return (active, limit)
    }

    // MARK: - Shared steps

    /// The endpoint as its row holds it: its `secret` still sealed (``EndpointSecrets/revealed(_:)`` opens it).
    static func endpoint(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> WebhookEndpoint {
        guard let row = try tx.queryOne(
            """
            SELECT id, url, description, enabled, disabled_reason, circuit_open_until, mode, secret, created_at, updated_at
            FROM webhook_endpoints WHERE id = ? AND operator_id = ? AND mode = ?
            """,
            [id, scope.operatorID, scope.mode])
        else { throw DomainError.notFound(.webhookEndpoint, id) }
        let events = try tx.query("SELECT event_type FROM webhook_subscriptions WHERE endpoint_id = ? ORDER BY event_type", [id])
            .map { try $0.get("event_type", as: String.self) }
        let enabled: Bool = try row.get("enabled"), openUntil: Timestamp? = try row.get("circuit_open_until")
        return WebhookEndpoint(
            id: id, url: try row.get("url"), description: try row.get("description"), events: events, enabled: enabled,
            state: !enabled ? .disabled : openUntil == nil ? .enabled : .circuitOpen, retryAt: enabled ? openUntil : nil,
            disabledReason: enabled ? nil : try row.get("disabled_reason", as: DisabledReason?.self) ?? .operator, livemode: try row.get("mode", as: Mode.self) == .live,
            secret: try row.get("secret"), secretID: nil, createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    static func validEvents(_ events: [String]) throws -> [String] {
        guard !events.isEmpty else { throw DomainError.invalidField("events", "must name at least one event type") }
        for (i, event) in events.enumerated() where !WebhookEventType.names.contains(event) {
            throw DomainError(.invalid, code: .unknownEventType, "Unknown event type '\(event)'.",
                              fields: [.init(field: "events[\(i)]", message: "must be one of \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return Array(Set(events)).sorted()
    }

    static func validDescription(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard text.count <= 500 else { throw DomainError.invalidField("description", "must be at most 500 characters") }
        return text
    }

    static func activeSubscriptions(_ scope: TenantScope, excluding endpoint: String?, _ tx: Transaction) throws -> Int {
        try tx.scalar(
            """
            SELECT COUNT(*) FROM webhook_subscriptions s JOIN webhook_endpoints e ON e.id = s.endpoint_id
            WHERE e.operator_id = ? AND e.mode = ? AND e.enabled = 1 AND e.id != ?
            """,
            [scope.operatorID, scope.mode, endpoint ?? ""], as: Int.self) ?? 0
    }

    /// Checks that `endpoint` (nil for a new one) may hold `wanted` active subscriptions instead of its `current`
    /// ones. A change that adds none is always allowed, even over a quota that was lowered.
    static func checkQuota(_ scope: TenantScope, replacing current: Int, with wanted: Int, of endpoint: String?, limit: Int, _ tx: Transaction) throws {
        if tx.dialect == .postgres {
            // Replicas check one operator's quota one at a time: the lock holds until this transaction commits, and
            // the count below (READ COMMITTED) then sees every change committed before it. SQLite has one writer.
            _ = try tx.queryOne("SELECT pg_advisory_xact_lock(hashtext(?))", ["webhook-subscriptions/\(scope.operatorID)/\(scope.mode.rawValue)"])
        }
        let others = try activeSubscriptions(scope, excluding: endpoint, tx)
        guard wanted <= current || others + wanted <= limit else {
            throw quotaExceeded(active: others + current, requested: wanted - current, limit: limit)
        }
    }

    /// 409 `subscription_quota_exceeded`: "7 of 10 webhook subscriptions are active; this change needs 4 more, 1 over
    /// the quota.", with `active`, `requested` and `limit` as integers. The API and the dashboard both show it.
    static func quotaExceeded(active: Int, requested: Int, limit: Int) -> DomainError {
        DomainError(.conflict, code: .subscriptionQuotaExceeded,
                    "\(active) of \(limit) webhook subscriptions are active; this change needs \(requested) more, \(active + requested - limit) over the quota.",
                    extensions: ["active": .integer(Int64(active)), "requested": .integer(Int64(requested)), "limit": .integer(Int64(limit))])
    }

    static func replaceSubscriptions(_ id: String, _ events: [String], _ tx: Transaction) throws {
        try tx.execute("DELETE FROM webhook_subscriptions WHERE endpoint_id = ?", [id])
        for event in events { try tx.execute("INSERT INTO webhook_subscriptions(endpoint_id, event_type) VALUES (?, ?)", [id, event]) }
    }
}

/// The answer to a DELETE: `{"id": …, "object": …, "deleted": true}`.
public struct DeletedObject: Codable, Sendable, Equatable {
    public let id: String
    public let object: String
    public var deleted = true
}

extension Webhooks {
    /// How many endpoints (all tenants) are in each state, for `/metrics`.
    public func endpointStates() async throws -> [EndpointState: Int] {
        try await database.read { tx in
            var counts = Dictionary(uniqueKeysWithValues: EndpointState.allCases.map { ($0, 0) })
            for row in try tx.query(
                "SELECT enabled, circuit_open_until IS NOT NULL AS open, COUNT(*) AS n FROM webhook_endpoints GROUP BY enabled, circuit_open_until IS NOT NULL") {
                let state: EndpointState = !(try row.get("enabled", as: Bool.self)) ? .disabled : try row.get("open", as: Bool.self) ? .circuitOpen : .enabled
                counts[state, default: 0] += try row.get("n", as: Int.self)
            }
            return counts
        }
    }
}
