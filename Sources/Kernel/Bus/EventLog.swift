/// Read access to the committed events of one tenant and mode: what the events API and replays serve.
///
/// Events stay readable for the bus's retention period (at least 30 days) and are then pruned.
public enum EventLog {
    /// A page of events, newest first. `before` is a sequence cursor (exclusive).
    public static func list(
        tenant: String, mode: Mode, types: Set<String>, createdSince: Timestamp? = nil, before: Int64? = nil,
        limit: Int, _ tx: Transaction
    ) throws -> [Event] {
        guard !types.isEmpty else { return [] }
        var sql = "SELECT \(Outbox.columns) FROM bus_events WHERE tenant = ? AND mode = ?"
        var arguments: [any SQLValueConvertible] = [tenant, mode]
        sql += " AND type IN (" + Array(repeating: "?", count: types.count).joined(separator: ", ") + ")"
        arguments += types.sorted()
        if let createdSince { sql += " AND occurred_at >= ?"; arguments.append(createdSince) }
        if let before { sql += " AND sequence < ?"; arguments.append(before) }
        sql += " ORDER BY sequence DESC LIMIT ?"
        arguments.append(limit)
        return try tx.query(sql, arguments).map(Outbox.event)
    }

    /// One event by id, if it belongs to this tenant and mode.
    public static func find(id: String, tenant: String, mode: Mode, _ tx: Transaction) throws -> Event? {
        try tx.queryOne(
            "SELECT \(Outbox.columns) FROM bus_events WHERE id = ? AND tenant = ? AND mode = ?",
            [id, tenant, mode]
        ).map(Outbox.event)
    }
}
