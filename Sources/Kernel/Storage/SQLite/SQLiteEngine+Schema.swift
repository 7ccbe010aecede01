extension SQLiteEngine {
    /// The schema the engine itself needs: the bus outbox, each tenant's event sequence and the subscribers' checkpoints.
    static let ownMigrations = [
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

    /// Applies ``ownMigrations`` on the writer connection before its thread starts (so an open engine always has
    /// them), each step in a transaction of its own.
    static func applyOwnSchema(_ connection: SQLiteConnection, now: Timestamp) throws {
        try connection.executeScript(Migrator.bookkeeping)
        let tx = Transaction(session: connection, now: now, isWrite: true)
        for step in try Migrator.pending(ownMigrations, applied: try Migrator.applied(tx)) {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                _ = try Migrator.apply(step, tx)
                try connection.execute("COMMIT")
            } catch {
                if connection.isInTransaction { try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }
}
