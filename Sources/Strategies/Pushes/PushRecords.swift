import Kernel

/// Pushes and their recipient lists.
///
/// A push's recipients are resolved once, when it is made, into `strategy_push_recipients`. The worker takes them
/// in batches; each batch's strategies, the deletion of its recipient rows and the push's progress commit in one
/// transaction, so after a crash the push resumes at the first unprocessed recipient and reaches each exactly once.
enum PushRecords {
    /// A push with recipients still to process.
    struct Pending: Sendable {
        let id: String
        let scope: TenantScope
        let templateID: String
        let templateVersion: Int
        let recipients: Int
        let done: Int
    }

    /// How many clients `target` reaches now. An unknown client or plan is input at fault (422); so is a deleted
    /// client (409 `user_deleted`: they cannot receive strategies until restored).
    static func recipientCount(_ target: PushTarget, _ scope: TenantScope, _ tx: Transaction) throws -> Int {
        switch target {
        case .user(let id):
            guard let active = try ClientDirectory.isActive(id, scope, tx) else {
                throw DomainError(.notFound, code: .userNotFound, "No user '\(id)' in this mode.",
                                  fields: [.init(field: "user_id", message: "no such user in this mode")])
            }
            guard active else { throw DomainError(.conflict, code: .userDeleted, "The user is deleted; restore them first.") }
            return 1
        case .plan(let id):
            guard try ClientDirectory.knowsPlan(id, scope, tx) else {
                throw DomainError(.notFound, code: .planNotFound, "No plan '\(id)' with clients in this mode.",
                                  fields: [.init(field: "plan_id", message: "no such plan with clients in this mode")])
            }
            return try ClientDirectory.activeCount(onPlan: id, scope, tx)
        }
    }

    /// Stores a queued push and its recipient list (every active client of a plan, in the order they joined).
    static func create(target: PushTarget, templateID: String, version: Int, _ scope: TenantScope, _ tx: Transaction) throws -> Pending {
        let id = Identifier.make(.push)
        switch target {
        case .user(let userID):
            try tx.execute("INSERT INTO strategy_push_recipients(push_id, user_id) VALUES (?, ?)", [id, userID])
        case .plan(let planID):
            try tx.execute(
                """
                INSERT INTO strategy_push_recipients(push_id, user_id)
                SELECT ?, id FROM strategies_clients WHERE operator_id = ? AND mode = ? AND plan_id = ? AND status = 'active' ORDER BY seq
                """,
                [id, scope.operatorID, scope.mode, planID])
        }
        let recipients = tx.changes
        try tx.execute(
            """
            INSERT INTO strategy_pushes(id, operator_id, mode, template_id, template_version, target_type, target_id, status, recipients, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
            """,
            [id, scope.operatorID, scope.mode, templateID, version, target.type, target.id, recipients, tx.now])
        return Pending(id: id, scope: scope, templateID: templateID, templateVersion: version, recipients: recipients, done: 0)
    }

    /// The oldest push not yet completed, in any tenant.
    static func nextPending(_ tx: Transaction) throws -> Pending? {
        try tx.queryOne(
            """
            SELECT id, operator_id, mode, template_id, template_version, recipients, done FROM strategy_pushes
            WHERE status != 'completed' ORDER BY created_at, rowid LIMIT 1
            """
        ).map { row in
            Pending(id: try row.get("id"), scope: TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode")),
                    templateID: try row.get("template_id"), templateVersion: try row.get("template_version"),
                    recipients: try row.get("recipients"), done: try row.get("done"))
        }
    }

    static func push(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> Push {
        guard let row = try tx.queryOne(
            """
            SELECT id, mode, template_id, template_version, target_type, target_id, status, recipients, done, created_at, completed_at
            FROM strategy_pushes WHERE id = ? AND operator_id = ? AND mode = ?
            """,
            [id, scope.operatorID, scope.mode])
        else { throw DomainError.notFound(.push, id) }
        guard let target = PushTarget(type: try row.get("target_type"), id: try row.get("target_id")) else {
            throw StorageError(.invalidValue, "push \(id) has an unknown target type")
        }
        return Push(
            id: id, templateID: try row.get("template_id"), templateVersion: try row.get("template_version"), target: target,
            status: try row.get("status"), recipients: try row.get("recipients"), done: try row.get("done"),
            livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"),
            completedAt: try row.get("completed_at"))
    }
}
