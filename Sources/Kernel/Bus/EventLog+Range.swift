/// How many of a tenant's events fall in a time range: what a webhook recovery would re-send.
extension EventLog {
    /// How many events of `types` occurred in `from..<until`.
    public static func count(tenant: String, mode: Mode, types: Set<String>, from: Timestamp, until: Timestamp, _ tx: Transaction) throws -> Int {
        guard !types.isEmpty else { return 0 }
        return try tx.scalar(
            "SELECT COUNT(*) FROM bus_events WHERE tenant = ? AND mode = ? AND type IN (\(placeholders(types.count))) AND occurred_at >= ? AND occurred_at < ?",
            [tenant, mode] + types.sorted() + [from, until], as: Int.self) ?? 0
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
