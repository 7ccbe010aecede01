import Foundation
import Kernel

extension Accounts {
    /// Creates an operator with a live and a test key (returned this once) and a default plan in each mode.
    public func createOperator(_ input: NewOperator) async throws -> CreatedOperator {
        let slug = try Validators.slug(input.slug)
        let name = try Validators.text(input.name, field: "name", max: 200)
        let tier = try Self.validTier(input.tier ?? "standard")
        let loginBaseURL = try input.loginBaseURL.map(Validators.loginBaseURL) ?? "https://\(slug).app.operator-api.dev/login"
        let keys = Dictionary(uniqueKeysWithValues: Mode.allCases.map { ($0, APIKeyFormat.make(slug: slug, mode: $0)) })
        let id = Identifier.make(.operator)
        do {
            return try await database.write { tx in
                try tx.execute(
                    "INSERT INTO operators(\(Operator.columns)) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?)",
                    [id, slug, name, tier, loginBaseURL, Operator.defaultStrategyDayPricePaise, tx.now, tx.now])
                for (mode, key) in keys {
                    try Self.insertKey(key, operatorID: id, mode: mode, tx)
                    try tx.execute(
                        "INSERT INTO plans(id, operator_id, mode, name, tier, is_default, created_at) VALUES (?, ?, ?, 'Default', NULL, 1, ?)",
                        [Identifier.make(.plan), id, mode, tx.now])
                }
                let created = try Self.operatorRow(id, tx)
                try tx.publish(NewEvent(type: AccountsEvent.operatorCreated, tenant: id, mode: .live, payload: created.settingsPayload))
                return CreatedOperator(operator: created, keys: keys)
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw DomainError(.conflict, code: .slugTaken, "The slug '\(slug)' is already taken.")
        }
    }

    public func listOperators() async throws -> [Operator] {
        try await database.read { tx in
            try tx.query("SELECT \(Operator.columns) FROM operators ORDER BY created_at, id").map(Operator.init(row:))
        }
    }

    /// The id of the operator with `slug`, or nil when there is none.
    public func operatorID(slug: String) async throws -> String? {
        try await database.read { tx in try tx.scalar("SELECT id FROM operators WHERE slug = ?", [slug], as: String.self) }
    }

    public func getOperator(_ id: String) async throws -> Operator {
        try await database.read { tx in try Self.operatorRow(id, tx) }
    }

    /// Applies an admin's changes and tells the other modules (tier, limits and price drive quotas and billing).
    public func updateOperator(_ id: String, _ update: OperatorUpdate) async throws -> Operator {
        let name = try update.name.map { try Validators.text($0, field: "name", max: 200) }
        let tier = try update.tier.map(Self.validTier)
        let loginBaseURL = try update.loginBaseURL.map(Validators.loginBaseURL)
        if let price = update.strategyDayPricePaise, !(0...10_000_000).contains(price) {
            throw DomainError.invalidField("strategy_day_price_paise", "must be 0…10000000")
        }
        for (name, value) in update.limits ?? [:] {
            guard OperatorUpdate.limitNames.contains(name) else {
                throw DomainError.invalidField("limits.\(name)", "is not a quota; use one of \(OperatorUpdate.limitNames.sorted().joined(separator: ", "))")
            }
            if let value, !(0...100_000_000).contains(value) { throw DomainError.invalidField("limits.\(name)", "must be 0…100000000") }
        }
        let updated = try await database.write { tx in
            var op = try Self.operatorRow(id, tx)
            if let name { op.name = name }
            if let tier { op.tier = tier }
            if let loginBaseURL { op.loginBaseURL = loginBaseURL }
            if let price = update.strategyDayPricePaise { op.strategyDayPricePaise = price }
            for (name, value) in update.limits ?? [:] { op.limits[name] = value }
            op.updatedAt = tx.now
            try tx.execute(
                "UPDATE operators SET name = ?, tier = ?, login_base_url = ?, limits = ?, strategy_day_price_paise = ?, updated_at = ? WHERE id = ?",
                [op.name, op.tier, op.loginBaseURL, try JSON.encodeString(op.limits), op.strategyDayPricePaise, op.updatedAt, id])
            try tx.publish(NewEvent(type: AccountsEvent.operatorUpdated, tenant: id, mode: .live, payload: op.settingsPayload))
            tx.notify(channel: Self.operatorsChannel, payload: id)
            return op
        }
        invalidateProfiles(.operator(id))
        return updated
    }

    /// The broadcast channel on which every process hears that an operator's row changed (payload: its id), so that
    /// what ``operatorAndKey(operatorID:keyID:)`` remembers of it is read again on every replica.
    static let operatorsChannel = "accounts.operators"

    /// Drops what the notification names (everything when some may have been missed).
    nonisolated func operatorChanged(_ notification: DatabaseNotification) {
        switch notification {
        case .mayHaveMissed: invalidateProfiles(.all)
        case .message(let id): invalidateProfiles(.operator(id))
        }
    }

    static func operatorRow(_ id: String, _ tx: Transaction) throws -> Operator {
        guard let row = try tx.queryOne("SELECT \(Operator.columns) FROM operators WHERE id = ?", [id]) else {
            throw DomainError.notFound(.operator, id)
        }
        return try Operator(row: row)
    }

    static func validTier(_ tier: String) throws -> String {
        guard Operator.tiers.contains(tier) else {
            throw DomainError.invalidField("tier", "must be one of \(Operator.tiers.joined(separator: ", "))")
        }
        return tier
    }
}
