/// The one owner of the SQLite connection: every read and write of every module goes through this actor.
///
/// SQLite allows one writer at a time; funnelling writes through one actor turns lock contention into an orderly
/// queue. A write body runs inside `BEGIN IMMEDIATE … COMMIT` and rolls back on any throw. After a commit that
/// published events, the commit observers (the event bus) are told, so subscribers wake without polling.
public actor Database {
    /// The schema this layer itself needs: migration bookkeeping and the bus outbox.
    static let kernelMigrations = [
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
    ]

    private let connection: SQLiteConnection
    public nonisolated let clock: any WallClock
    public nonisolated let path: String
    private var commitObservers: [@Sendable ([Event]) -> Void] = []

    /// Opens the database file at `path` (created with its folder if missing) and applies the kernel's schema.
    public init(path: String, clock: any WallClock) throws {
        connection = try SQLiteConnection(path: path)
        self.clock = clock
        self.path = path
        _ = try Self.migrate(connection, Self.kernelMigrations, now: clock.now())
    }

    /// Runs `body` in a write transaction; commits when it returns, rolls back when it throws.
    public func write<T: Sendable>(_ body: (Transaction) throws -> T) throws -> T {
        let tx = Transaction(connection: connection, now: clock.now(), isWrite: true)
        try connection.execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body(tx)
            try connection.execute("COMMIT")
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            throw error
        }
        if !tx.published.isEmpty {
            for observer in commitObservers { observer(tx.published) }
        }
        return result
    }

    /// Runs `body` on a consistent snapshot (a deferred read transaction).
    public func read<T: Sendable>(_ body: (Transaction) throws -> T) throws -> T {
        let tx = Transaction(connection: connection, now: clock.now(), isWrite: false)
        try connection.execute("BEGIN")
        defer { try? connection.execute("COMMIT") }
        return try body(tx)
    }

    /// Calls `observer` after every commit that published events, with those events in order.
    public func onCommit(_ observer: @escaping @Sendable ([Event]) -> Void) {
        commitObservers.append(observer)
    }

    /// Applies every migration not yet applied, per module in version order. Safe to call on every start.
    /// Returns the migrations it applied.
    @discardableResult
    public func migrate(_ migrations: [Migration]) throws -> [Migration] {
        try Self.migrate(connection, migrations, now: clock.now())
    }

    /// The versions applied so far, per module.
    public func appliedMigrations() throws -> [String: Int] {
        var applied = [String: Int]()
        for row in try connection.query("SELECT module, MAX(version) AS version FROM schema_migrations GROUP BY module") {
            applied[try row.get("module")] = try row.get("version", as: Int.self)
        }
        return applied
    }

    /// Copies the live database to `destination` (online backup).
    public func backup(to destination: String) throws {
        try connection.backup(to: destination)
    }

    /// `PRAGMA integrity_check`: `["ok"]` when sound.
    public func integrityCheck() throws -> [String] {
        try connection.integrityCheck()
    }

    private static func migrate(_ connection: SQLiteConnection, _ migrations: [Migration], now: Timestamp) throws -> [Migration] {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations(
                module TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,
                PRIMARY KEY (module, version))
            """)
        var applied = [Migration]()
        let byModule = Dictionary(grouping: migrations, by: \.module)
        for module in byModule.keys.sorted() {
            let steps = byModule[module]!.sorted { $0.version < $1.version }
            for (expected, step) in zip(1..., steps) where step.version != expected {
                throw SQLiteError(code: -1, message: "migrations of \(module) must be numbered 1, 2, 3…; found \(step.version)")
            }
            let current = try connection.scalar(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?", [module], as: Int.self) ?? 0
            for step in steps where step.version > current {
                try connection.execute("BEGIN IMMEDIATE")
                do {
                    try connection.execute(step.sql.hasSuffix(";") ? step.sql : step.sql + ";")
                    try connection.execute(
                        "INSERT INTO schema_migrations(module, version, applied_at) VALUES (?, ?, ?)",
                        [module, step.version, now])
                    try connection.execute("COMMIT")
                } catch {
                    try? connection.execute("ROLLBACK")
                    throw error
                }
                applied.append(step)
            }
        }
        return applied
    }
}
