/// Where every module reads and writes: a small, engine-neutral front to the ``StorageEngine`` underneath.
///
///     let user = try await database.write { tx in
///         try tx.execute("INSERT INTO users(id, email) VALUES (?, ?)", [id, email])
///         try tx.publish(NewEvent(type: "user.created", tenant: operatorID, mode: mode, payload: created))
///         return created
///     }
///
/// A write body runs in a transaction with the events it publishes; when it throws, its work is rolled back and
/// the error comes back to the caller. `write` returns once the commit is durable. A read body runs on a
/// consistent snapshot and never waits for writes. Bodies run on the engine's own threads, so they must be quick,
/// synchronous database work; the closures are `sending`: they may capture values, not the caller's mutable state.
public final class Database: Sendable {
    let engine: any StorageEngine
    /// The sandboxes' test clocks, attached to every body so that its transaction can tell each scope's time.
    let sandboxClocks = SandboxClocks()

    /// The clock every body's ``Transaction/now`` comes from.
    public var clock: any WallClock { engine.clock }

    /// Opens (creating it, mode 0600, and its folder when missing) the SQLite database at `path`.
    public convenience init(path: String, clock: any WallClock, settings: SQLiteEngine.Settings = SQLiteEngine.Settings()) throws {
        self.init(engine: try SQLiteEngine(path: path, clock: clock, settings: settings))
    }

    /// Opens the database `location` names with the engine it needs: an SQLite file (created, mode 0600, with its
    /// folder when missing) or a PostgreSQL database (libpq is loaded now, and only then).
    public convenience init(location: StorageLocation, clock: any WallClock, settings: StorageSettings = StorageSettings()) throws {
        switch location {
        case .sqlite(let path): self.init(engine: try SQLiteEngine(path: path, clock: clock, settings: settings))
        case .postgres(let url): self.init(engine: try PostgresEngine(url: url, clock: clock, settings: settings))
        }
    }

    /// A front to an engine opened elsewhere.
    public init(engine: any StorageEngine) {
        self.engine = engine
    }

    /// The SQL the engine underneath speaks.
    public var dialect: SQLDialect { engine.dialect }

    /// Runs `body` in a write transaction; returns its result once the commit is durable, or throws what it threw
    /// (nothing it did remains).
    public func write<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        let clocks = sandboxClocks
        return try await engine.write { tx in
            tx.sandboxClocks = clocks
            return try body(tx)
        }
    }

    /// Runs `body` in a write transaction like ``write(_:)``, but hands its result back as soon as the body has run,
    /// before the commit that holds it, with that commit to await. For work a crash may lose without harm and whose
    /// effect the caller's next writes only need in order: the writer runs bodies and commits their groups in that
    /// order, so a later write of the caller never commits without it. Other writes see its effect at once (they run
    /// after it, on the same writer); reads see it once it has committed. Throws what the body threw.
    ///
    /// The Gateway's idempotency claim uses it: a claim is discarded at start-up anyway, so waiting for its fsync
    /// before running the request bought nothing.
    public func writeAheadOfCommit<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> (T, PendingCommit) {
        try await engine.writeAheadOfCommit(body)
    }

    /// Runs `body` on a consistent snapshot.
    public func read<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        let clocks = sandboxClocks
        return try await engine.read { tx in
            tx.sandboxClocks = clocks
            return try body(tx)
        }
    }

    /// Calls `observer` after every commit that published events, with those events in order.
    public func onCommit(_ observer: @escaping @Sendable ([Event]) -> Void) {
        engine.onCommit(observer)
    }

    /// Calls `handler` with every message a committed transaction broadcast on `channel`
    /// (``Transaction/notify(channel:payload:)``), from any process on the database, this one included, and with
    /// ``DatabaseNotification/mayHaveMissed`` when some may have been lost (PostgreSQL: each time the listening
    /// connection starts listening). The handler runs on an engine thread: keep it quick and non-blocking (update a
    /// cache under a mutex, signal a task). SQLite calls it right after the commit, before the writer returns.
    public func onNotification(_ channel: String, _ handler: @escaping @Sendable (DatabaseNotification) -> Void) {
        engine.onNotification(channel, handler)
    }

    /// Applies every migration not yet applied, per module in version order, each in its own transaction. Safe to
    /// call on every start. Returns the migrations it applied.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [Migration] {
        let applied = try await write { tx in
            try Migrator.prepare(tx)
            return try Migrator.applied(tx)
        }
        var ran = [Migration]()
        for step in try Migrator.pending(migrations, applied: applied) where try await write({ try Migrator.apply(step, $0) }) {
            ran.append(step)
        }
        return ran
    }

    /// The versions applied so far, per module.
    public func appliedMigrations() async throws -> [String: Int] {
        try await read { try Migrator.applied($0) }
    }

    /// Finishes the reads and writes already queued, then closes every connection and ends the engine's threads;
    /// reads and writes after it throw. Without it, that happens when the last reference to the database goes.
    public func close() async {
        await engine.close()
    }

    /// Copies the live database to a new file at `destination` (mode 0600) while it stays in use. PostgreSQL
    /// throws ``StorageError/Code/unsupported``: use `pg_dump` (``PostgresEngine/backupCommand(url:to:)``).
    public func backup(to destination: String) async throws {
        try await engine.backup(to: destination)
    }

    /// The engine's consistency check (`PRAGMA integrity_check` on SQLite; on PostgreSQL, that it answers):
    /// `["ok"]` when sound.
    public func integrityCheck() async throws -> [String] {
        try await engine.integrityCheck()
    }

    /// Writes, failed writes and commits since the database opened.
    public var statistics: StorageStatistics { engine.statistics }
}
