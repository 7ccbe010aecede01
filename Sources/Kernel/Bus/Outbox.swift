/// The bus's tables, read and written inside the caller's transaction.
enum Outbox {
    /// The columns ``event(_:)`` reads.
    static let columns = "sequence, id, type, tenant, mode, occurred_at, payload, tenant_sequence"
    /// The channel publishing transactions notify on PostgreSQL, so that every replica's subscribers wake.
    static let wakeChannel = "kernel.bus"

    static func events(after sequence: Int64, limit: Int, _ tx: Transaction) throws -> [Event] {
        try tx.query(
            "SELECT \(columns) FROM bus_events WHERE sequence > ? ORDER BY sequence LIMIT ?",
            [sequence, limit]
        ).map(event)
    }

    static func event(_ row: Row) throws -> Event {
        Event(
            sequence: try row.get("sequence"), id: try row.get("id"), type: try row.get("type"),
            tenant: try row.get("tenant"), mode: try row.get("mode"), occurredAt: try row.get("occurred_at"),
            payload: try row.get("payload"), tenantSequence: try row.get("tenant_sequence"))
    }

    /// The next position in the tenant and mode's own sequence, taken in the caller's transaction: the counter row
    /// is written (locked until commit on engines with concurrent writers), so positions follow commit order.
    static func nextTenantSequence(tenant: String, mode: Mode, _ tx: Transaction) throws -> Int64 {
        guard let next = try tx.scalar(
            """
            INSERT INTO bus_tenant_sequences(tenant, mode, last_sequence) VALUES (?, ?, 1)
            ON CONFLICT(tenant, mode) DO UPDATE SET last_sequence = bus_tenant_sequences.last_sequence + 1
            RETURNING last_sequence
            """,
            [tenant, mode], as: Int64.self)
        else { throw StorageError(.engine, "the tenant sequence returned no value") }
        return next
    }

    /// The highest sequence ever committed (0 when none). Pruning only deletes events every subscriber has passed,
    /// so when the newest event is gone a checkpoint still holds its sequence: the larger of the two is the head.
    static func head(_ tx: Transaction) throws -> Int64 {
        let newest = try tx.scalar("SELECT MAX(sequence) FROM bus_events", as: Int64?.self) ?? nil
        let furthest = try tx.scalar("SELECT MAX(sequence) FROM bus_checkpoints", as: Int64?.self) ?? nil
        return max(newest ?? 0, furthest ?? 0)
    }

    static func checkpoint(_ subscriber: String, _ tx: Transaction) throws -> Int64 {
        try tx.scalar("SELECT sequence FROM bus_checkpoints WHERE subscriber = ?", [subscriber], as: Int64.self) ?? 0
    }

    /// Moves the subscriber's checkpoint from `previous` to `sequence`, only if it still stands at `previous` (a
    /// compare-and-set that fences a runner whose lease was lost: another replica moved the checkpoint meanwhile);
    /// throws ``StorageError/Code/checkpointMoved`` otherwise, which rolls the caller's batch back.
    static func moveCheckpoint(_ subscriber: String, from previous: Int64, to sequence: Int64, _ tx: Transaction) throws {
        try tx.execute(
            "UPDATE bus_checkpoints SET sequence = ?, updated_at = ? WHERE subscriber = ? AND sequence = ?",
            [sequence, tx.now, subscriber, previous])
        if tx.changes == 1 { return }
        if previous == 0 {
            try tx.execute(
                "INSERT INTO bus_checkpoints(subscriber, sequence, updated_at) VALUES (?, ?, ?) ON CONFLICT(subscriber) DO NOTHING",
                [subscriber, sequence, tx.now])
            if tx.changes == 1 { return }
        }
        throw StorageError(.checkpointMoved, "the checkpoint of \(subscriber) is no longer at \(previous): another process runs it")
    }

    /// Deletes events every named subscriber has finished and that are older than `cutoff`. Returns the count.
    static func prune(subscribers: [String], olderThan cutoff: Timestamp, _ tx: Transaction) throws -> Int {
        let lowest = try subscribers.map { try checkpoint($0, tx) }.min() ?? 0
        try tx.execute("DELETE FROM bus_events WHERE sequence <= ? AND occurred_at < ?", [lowest, cutoff])
        return tx.changes
    }
}
