import Kernel

/// Processes one batch of a push's recipients inside the caller's transaction: creates, updates or flags each
/// recipient's copy (``PushDelivery``), deletes the batch's recipient rows and advances the push's progress.
enum PushBatch {
    static func run(_ push: PushRecords.Pending, size: Int, _ tx: Transaction) throws {
        let scope = push.scope
        let rows = try tx.query(
            """
            SELECT r.seq, r.user_id, c.status AS client_status, s.id AS strategy_id, s.status, s.template_version, s.available_version
            FROM strategy_push_recipients r
            LEFT JOIN strategies_clients c ON c.id = r.user_id AND c.operator_id = ? AND c.mode = ?
            LEFT JOIN strategies s ON s.user_id = r.user_id AND s.template_id = ? AND s.operator_id = ? AND s.mode = ?
            WHERE r.push_id = ? ORDER BY r.seq LIMIT ?
            """,
            [scope.operatorID, scope.mode, push.templateID, scope.operatorID, scope.mode, push.id, size])
        for row in rows {
            let strategyID: String? = try row.get("strategy_id")
            let copy = try strategyID.map { _ in
                PushDelivery.Copy(status: try row.get("status"), templateVersion: try row.get("template_version"),
                                  availableVersion: try row.get("available_version"))
            }
            let active = try row.get("client_status", as: String?.self) == "active"
            switch PushDelivery.action(for: copy, clientActive: active, version: push.templateVersion) {
            case .create:
                try tx.execute(
                    """
                    INSERT INTO strategies(id, operator_id, mode, user_id, template_id, template_version, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)
                    """,
                    [Identifier.make(.strategy), scope.operatorID, scope.mode, try row.get("user_id", as: String.self), push.templateID,
                     push.templateVersion, tx.now, tx.now])
            case .update:
                try tx.execute(
                    """
                    UPDATE strategies SET template_version = ?, updated_at = ?,
                        available_version = CASE WHEN available_version <= ? THEN NULL ELSE available_version END
                    WHERE id = ?
                    """,
                    [push.templateVersion, tx.now, push.templateVersion, strategyID])
            case .flag:
                try tx.execute("UPDATE strategies SET available_version = ?, updated_at = ? WHERE id = ?", [push.templateVersion, tx.now, strategyID])
            case .skip:
                break
            }
        }
        let done = push.done + rows.count
        if let last = rows.last {
            try tx.execute("DELETE FROM strategy_push_recipients WHERE push_id = ? AND seq <= ?", [push.id, try last.get("seq", as: Int64.self)])
        }
        let finished = done >= push.recipients
        try tx.execute("UPDATE strategy_pushes SET done = ?, status = ?, completed_at = ? WHERE id = ?",
                       [done, finished ? PushStatus.completed : .running, finished ? tx.now : nil, push.id])
    }
}
