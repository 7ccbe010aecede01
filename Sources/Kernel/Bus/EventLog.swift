/// Read access to the committed events of one tenant and mode: what the events API and replays serve.
///
/// Pages run in the order events occurred (`occurred_at`, then `sequence` between events of the same millisecond),
/// on the index `bus_events_by_tenant_time`, so a time range and a cursor cost the same wherever they fall. Events
/// stay readable for the bus's retention period (at least 30 days) and are then pruned.
public enum EventLog {
    /// Which way a page runs.
    public enum Direction: Sendable {
        case oldestFirst, newestFirst
    }

    /// Where a page starts: just past this event's place in the time order.
    public struct Position: Sendable, Equatable {
        public let occurredAt: Timestamp
        public let sequence: Int64

        public init(occurredAt: Timestamp, sequence: Int64) {
            self.occurredAt = occurredAt
            self.sequence = sequence
        }

        public init(_ event: Event) { self.init(occurredAt: event.occurredAt, sequence: event.sequence) }
    }

    /// A page of `limit` events whose type is one of `types` and whose `occurred_at` lies in `occurred`, running
    /// `direction` from just past `cursor` (exclusive; from the first such event when nil).
    public static func list(
        tenant: String, mode: Mode, types: Set<String>, occurred: ClosedRange<Timestamp>? = nil, after cursor: Position? = nil,
        direction: Direction = .newestFirst, limit: Int, _ tx: Transaction
    ) throws -> [Event] {
        guard !types.isEmpty else { return [] }
        var sql = "SELECT \(Outbox.columns) FROM bus_events WHERE tenant = ? AND mode = ?"
        var arguments: [any SQLValueConvertible] = [tenant, mode]
        sql += " AND type IN (" + Array(repeating: "?", count: types.count).joined(separator: ", ") + ")"
        arguments += types.sorted()
        if let occurred {
            sql += " AND occurred_at >= ? AND occurred_at <= ?"
            arguments += [occurred.lowerBound, occurred.upperBound]
        }
        let ascending = direction == .oldestFirst
        if let cursor {
            sql += ascending ? " AND (occurred_at, sequence) > (?, ?)" : " AND (occurred_at, sequence) < (?, ?)"
            arguments += [cursor.occurredAt, cursor.sequence]
        }
        sql += ascending ? " ORDER BY occurred_at ASC, sequence ASC LIMIT ?" : " ORDER BY occurred_at DESC, sequence DESC LIMIT ?"
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

    /// The highest sequence committed so far: a mark to count what is published after it.
    public static func head(_ tx: Transaction) throws -> Int64 {
        try Outbox.head(tx)
    }

    /// How many events of each type this tenant and mode published after the sequence `mark`.
    public static func countsByType(tenant: String, mode: Mode, after mark: Int64, _ tx: Transaction) throws -> [String: Int] {
        var counts = [String: Int]()
        for row in try tx.query(
            "SELECT type, COUNT(*) AS count FROM bus_events WHERE tenant = ? AND mode = ? AND sequence > ? GROUP BY type",
            [tenant, mode, mark]) {
            counts[try row.get("type")] = try row.get("count", as: Int.self)
        }
        return counts
    }
}
