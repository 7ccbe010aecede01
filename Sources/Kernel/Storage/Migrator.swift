/// Applies ``Migration``s: the steps of each module in version order, each once, each in a transaction of its own
/// together with its `schema_migrations(module, version)` row.
///
/// Several processes may migrate one PostgreSQL database at once (replicas starting together): each migration
/// transaction first takes a transaction-scoped advisory lock, so they take turns and each step runs once.
enum Migrator {
    /// The bookkeeping table, created before anything else.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations(
            module TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,
            PRIMARY KEY (module, version))
        """

    /// The advisory lock key migrations hold on PostgreSQL (an arbitrary constant: "operator-api migrations").
    static let lockKey: Int64 = 0x6F70_6170_696D_6967

    /// Takes the migration lock and creates the bookkeeping table when missing.
    static func prepare(_ tx: Transaction) throws {
        try lock(tx)
        try tx.executeScript(bookkeeping)
    }

    /// The highest version applied so far, per module.
    static func applied(_ tx: Transaction) throws -> [String: Int] {
        var applied = [String: Int]()
        for row in try tx.query("SELECT module, MAX(version) AS version FROM schema_migrations GROUP BY module") {
            applied[try row.get("module")] = try row.get("version", as: Int.self)
        }
        return applied
    }

    /// The steps not applied yet, module by module (by name), each module's in version order. Throws when a
    /// module's steps are not numbered 1, 2, 3…
    static func pending(_ migrations: [Migration], applied: [String: Int]) throws -> [Migration] {
        let byModule = Dictionary(grouping: migrations, by: \.module)
        var pending = [Migration]()
        for module in byModule.keys.sorted() {
            let steps = byModule[module]!.sorted { $0.version < $1.version }
            for (expected, step) in zip(1..., steps) where step.version != expected {
                throw StorageError(.invalidMigration, "migrations of \(module) must be numbered 1, 2, 3…; found \(step.version)")
            }
            pending += steps.filter { $0.version > applied[module, default: 0] }
        }
        return pending
    }

    /// Applies `step` unless another process applied it meanwhile. Returns whether it ran.
    static func apply(_ step: Migration, _ tx: Transaction) throws -> Bool {
        try lock(tx)
        let current = try tx.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?", [step.module], as: Int.self)
        guard current ?? 0 < step.version else { return false }
        let sql = step.sql(for: tx.dialect)
        try tx.executeScript(sql.hasSuffix(";") ? sql : sql + ";")
        try tx.execute("INSERT INTO schema_migrations(module, version, applied_at) VALUES (?, ?, ?)", [step.module, step.version, tx.now])
        return true
    }

    /// On PostgreSQL, waits for other processes' migration transactions and holds them off until this one ends.
    /// SQLite needs nothing: its one writer at a time already serialises them.
    private static func lock(_ tx: Transaction) throws {
        guard tx.dialect == .postgres else { return }
        _ = try tx.query("SELECT pg_advisory_xact_lock(?)", [lockKey])
    }
}
