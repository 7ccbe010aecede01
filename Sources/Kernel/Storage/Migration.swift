/// One versioned schema step of one module. Each module lists its own, in version order, starting at 1.
///
/// Applied once, in order, each in its own transaction together with its `schema_migrations(module, version)` row.
/// `sql` is written in SQLite's dialect, in the portable subset an engine translates (``SQLTranslator`` for
/// PostgreSQL); where a translation would be fragile, `variants` gives a step its own SQL on one engine.
public struct Migration: Sendable {
    public let module: String
    public let version: Int
    public let sql: String
    /// The step's SQL on the engines where it differs from `sql`, in that engine's dialect (PostgreSQL's is still
    /// run through the translation, which leaves PostgreSQL's own syntax alone).
    public let variants: [SQLDialect: String]

    public init(module: String, version: Int, sql: String, variants: [SQLDialect: String] = [:]) {
        self.module = module
        self.version = version
        self.sql = sql
        self.variants = variants
    }

    /// The SQL this step runs on an engine speaking `dialect`.
    public func sql(for dialect: SQLDialect) -> String {
        variants[dialect] ?? sql
    }
}
