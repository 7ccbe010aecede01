/// A tenant's events in a time range, oldest first: what a webhook recovery re-sends.
extension EventLog {
    /// How many events of `types` occurred in `from..<until`.
    public static func count(tenant: String, mode: Mode, types: Set<String>, from: Timestamp, until: Timestamp, _ tx: Transaction) throws -> Int {
        guard !types.isEmpty else { return 0 }
        return try tx.scalar(
            "SELECT COUNT(*) FROM bus_events WHERE tenant = ? AND mode = ? AND type IN (\(placeholders(types.count))) AND occurred_at >= ? AND occurred_at < ?",
            [tenant, mode] + types.sorted() + [from, until], as: Int.self) ?? 0
    }

    /// Up to `limit` events of `types` that occurred in `from..<until`, after outbox position `after`, in outbox order.
    public static func range(
        tenant: String, mode: Mode, types: Set<String>, from: Timestamp, until: Timestamp, after: Int64, limit: Int, _ tx: Transaction
    ) throws -> [Event] {
        guard !types.isEmpty else { return [] }
        return try tx.query(
            """
            SELECT \(Outbox.columns) FROM bus_events WHERE tenant = ? AND mode = ? AND sequence > ? AND type IN (\(placeholders(types.count)))
            AND occurred_at >= ? AND occurred_at < ? ORDER BY sequence LIMIT ?
            """,
            [tenant, mode, after] + types.sorted() + [from, until, limit]
        ).map(Outbox.event)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
