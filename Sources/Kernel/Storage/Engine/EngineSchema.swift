/// The schema every engine itself needs, the same on each: the bus outbox, each tenant's event sequence and the
/// subscribers' checkpoints, and the migration bookkeeping.
enum EngineSchema {
    static let migrations = [
        Migration(module: "kernel", version: 1, sql: """
            CREATE TABLE bus_events(
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                tenant TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
                occurred_at INTEGER NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX bus_events_by_tenant ON bus_events(tenant, mode, sequence);
            CREATE TABLE bus_checkpoints(
                subscriber TEXT PRIMARY KEY,
                sequence INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """),
        // The events API pages a tenant's events by time (a range, oldest or newest first): one index serves every
        // such page, and the sequence-only index it replaces served nothing else.
        Migration(module: "kernel", version: 2, sql: """
            CREATE INDEX bus_events_by_tenant_time ON bus_events(tenant, mode, occurred_at, sequence);
            DROP INDEX bus_events_by_tenant;
            """),
        // Each tenant and mode's own event sequence. Events from before it keep their outbox sequence as theirs
        // (strictly increasing per tenant too), and each counter starts after its tenant's highest.
        Migration(module: "kernel", version: 3, sql: """
            ALTER TABLE bus_events ADD COLUMN tenant_sequence INTEGER NOT NULL DEFAULT 0;
            UPDATE bus_events SET tenant_sequence = sequence;
            CREATE TABLE bus_tenant_sequences(
                tenant TEXT NOT NULL,
                mode TEXT NOT NULL,
                last_sequence INTEGER NOT NULL,
                PRIMARY KEY (tenant, mode)
            );
            INSERT INTO bus_tenant_sequences(tenant, mode, last_sequence) SELECT tenant, mode, MAX(sequence) FROM bus_events GROUP BY tenant, mode;
            """),
    ]

    /// Applies ``migrations`` on a writer's connection before its thread starts (so an open engine always has
    /// them), each step in a transaction of its own.
    static func apply(on connection: some EngineConnection, now: Timestamp) throws {
        let tx = Transaction(session: connection, now: now, isWrite: true)
        try inTransaction(connection) { try Migrator.prepare(tx) }
        for step in try Migrator.pending(migrations, applied: try Migrator.applied(tx)) {
            try inTransaction(connection) { _ = try Migrator.apply(step, tx) }
        }
    }

    private static func inTransaction(_ connection: some EngineConnection, _ body: () throws -> Void) throws {
        try connection.execute(connection.beginWrite, [])
        do {
            try connection.serialiseWrites()
            try body()
            try connection.execute("COMMIT", [])
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK", []) }
            throw error
        }
    }
}
