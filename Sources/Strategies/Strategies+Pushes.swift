import Kernel

extension Strategies {
    /// Pushes a template to one client or to every active client on a plan.
    ///
    /// Without `templateID` the push creates a template at version 1; with it, the next version of that template.
    /// Each recipient without a copy gets a new `draft`; a copy that is not live moves to the new version in place;
    /// a live copy is flagged `update_available`. With `dryRun` nothing is stored and the answer carries the
    /// recipient count (status `dry_run`, id null).
    ///
    /// Errors: `invalid_template` (422, with field and line); an unknown `template_id`, user or plan is input at
    /// fault, 404 `template_not_found` / `user_not_found` / `plan_not_found` naming the field; a deleted user,
    /// 409 `user_deleted`.
    public func push(
        _ scope: TenantScope, target: PushTarget, template: TemplateSource, templateID: String? = nil, dryRun: Bool = false
    ) async throws -> Push {
        let model = try template.model()
        if dryRun {
            return try await database.read { tx in
                let version = try TemplateRecords.nextVersion(of: templateID, scope, tx)
                return Push(
                    id: nil, templateID: templateID, templateVersion: version, target: target, status: .dryRun,
                    recipients: try PushRecords.recipientCount(target, scope, tx), done: 0, livemode: scope.isLive,
                    createdAt: tx.now, completedAt: nil)
            }
        }
        let batchSize = settings.pushBatchSize
        let push = try await database.write { tx in
            let version = try TemplateRecords.nextVersion(of: templateID, scope, tx)
            _ = try PushRecords.recipientCount(target, scope, tx)  // refuses an unknown or deleted target before storing anything
            let storedID = try TemplateRecords.store(model, as: version, of: templateID, scope, tx)
            let pending = try PushRecords.create(target: target, templateID: storedID, version: version, scope, tx)
            if pending.recipients <= batchSize { try PushBatch.run(pending, size: batchSize, tx) }
            return try PushRecords.push(pending.id, scope, tx)
        }
        if push.status != .completed { wakeWorker?.yield() }
        return push
    }

    /// A push and its progress.
    public func getPush(_ scope: TenantScope, _ id: String) async throws -> Push {
        try await database.read { tx in try PushRecords.push(id, scope, tx) }
    }
}
