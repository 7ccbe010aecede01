/// One versioned schema step of one module. Each module lists its own, in version order, starting at 1.
///
/// Applied once, in order, each in its own transaction together with its `schema_migrations(module, version)` row.
public struct Migration: Sendable {
    public let module: String
    public let version: Int
    public let sql: String

    public init(module: String, version: Int, sql: String) {
        self.module = module
        self.version = version
        self.sql = sql
    }
}
