import Kernel

/// Templates and their versions. A template's versions are immutable; pushing to an existing template adds the next.
enum TemplateRecords {
    /// The version a push would create: 1 for a new template, else the latest + 1. A `templateID` that is not the
    /// caller's answers 404 `template_not_found` naming the field.
    static func nextVersion(of templateID: String?, _ scope: TenantScope, _ tx: Transaction) throws -> Int {
        guard let templateID else { return 1 }
        guard let latest = try tx.scalar(
            "SELECT latest_version FROM strategy_templates WHERE id = ? AND operator_id = ? AND mode = ?",
            [templateID, scope.operatorID, scope.mode], as: Int.self)
        else {
            throw DomainError(.notFound, code: .templateNotFound, "No template '\(templateID)' in this mode.",
                              fields: [.init(field: "template_id", message: "no such template in this mode")])
        }
        return latest + 1
    }

    /// Stores `model` as `version` of `templateID` (a new template when nil) and returns the template's id.
    static func store(_ model: TemplateModel, as version: Int, of templateID: String?, _ scope: TenantScope, _ tx: Transaction) throws -> String {
        let id = templateID ?? Identifier.make(.template)
        if templateID == nil {
            try tx.execute("INSERT INTO strategy_templates(id, operator_id, mode, latest_version, created_at) VALUES (?, ?, ?, ?, ?)",
                           [id, scope.operatorID, scope.mode, version, tx.now])
        } else {
            try tx.execute("UPDATE strategy_templates SET latest_version = ? WHERE id = ?", [version, id])
        }
        try tx.execute("INSERT INTO strategy_template_versions(template_id, version, name, model, created_at) VALUES (?, ?, ?, ?, ?)",
                       [id, version, model.name, try JSON.encodeString(model), tx.now])
        return id
    }
}
