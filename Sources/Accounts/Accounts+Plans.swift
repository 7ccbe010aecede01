import Kernel

extension Accounts {
    public func createPlan(_ scope: TenantScope, name: String, tier: String?) async throws -> Plan {
        let name = try Validators.text(name, field: "name", max: 100)
        let tier = try tier.map { try Validators.text($0, field: "tier", max: 50) }
        let id = Identifier.make(.plan)
        return try await database.write(for: scope) { tx in
            try tx.execute(
                "INSERT INTO plans(id, operator_id, mode, name, tier, is_default, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
                [id, scope.operatorID, scope.mode, name, tier, tx.now])
            return Plan(id: id, name: name, tier: tier, isDefault: false, livemode: scope.isLive, createdAt: tx.now)
        }
    }

    public func listPlans(_ scope: TenantScope) async throws -> [Plan] {
        try await database.read { tx in
            try tx.query("SELECT \(Plan.columns) FROM plans WHERE operator_id = ? AND mode = ? ORDER BY created_at, id",
                         [scope.operatorID, scope.mode]).map(Plan.init(row:))
        }
    }

    /// The plan `id` if it exists in this scope; otherwise 404 `plan_not_found` naming `field`: a well-formed request
    /// that refers to something missing is a 404, as the OpenAPI document (and every contract tester) reads it.
    static func plan(_ id: String, in scope: TenantScope, field: String, _ tx: Transaction) throws -> Plan {
        guard let row = try tx.queryOne("SELECT \(Plan.columns) FROM plans WHERE id = ? AND operator_id = ? AND mode = ?",
                                        [id, scope.operatorID, scope.mode])
        else { throw DomainError(.notFound, code: .planNotFound, "No plan '\(id)' in this mode.", fields: [.init(field: field, message: "no such plan in this mode")]) }
        return try Plan(row: row)
    }

    static func defaultPlan(in scope: TenantScope, _ tx: Transaction) throws -> Plan {
        guard let row = try tx.queryOne(
            "SELECT \(Plan.columns) FROM plans WHERE operator_id = ? AND mode = ? AND is_default = 1 ORDER BY created_at LIMIT 1",
            [scope.operatorID, scope.mode])
        else { throw DomainError(.conflict, code: .noDefaultPlan, "The operator has no default plan in this mode.") }
        return try Plan(row: row)
    }
}
