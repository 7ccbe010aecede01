/// Applies ``Migration``s: the steps of each module in version order, each once, each in a transaction of its own
/// together with its `schema_migrations(module, version)` row.
enum Migrator {
    /// The bookkeeping table, created before anything else.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations(
            module TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,
            PRIMARY KEY (module, version))
        """

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
        let current = try tx.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?", [step.module], as: Int.self)
        guard current ?? 0 < step.version else { return false }
        try tx.executeScript(step.sql.hasSuffix(";") ? step.sql : step.sql + ";")
        try tx.execute("INSERT INTO schema_migrations(module, version, applied_at) VALUES (?, ?, ?)", [step.module, step.version, tx.now])
        return true
    }
}
