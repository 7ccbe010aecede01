/// What a storage engine offers a ``Transaction`` to run SQL through: one connection, inside the transaction (or
/// savepoint) the engine opened for the body.
///
/// Statements use `?` placeholders, bound in order; an engine whose SQL differs translates them. Not `Sendable`:
/// a session belongs to the one thread running the body.
public protocol SQLSession: AnyObject {
    /// Runs one statement that returns no rows.
    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws
    /// Runs a script of `;`-separated statements without arguments (a migration step).
    func executeScript(_ sql: String) throws
    /// Runs one statement and returns every row it yields.
    func query(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [Row]
    /// Runs one statement and hands each row it yields to `visit`, read in place where the engine can (by default,
    /// each ``Row`` of ``query(_:_:)``).
    func forEachRow(_ sql: String, _ arguments: [any SQLValueConvertible], _ visit: (borrowing RowCursor) throws -> Void) throws
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }
    /// The SQL the engine underneath speaks.
    var dialect: SQLDialect { get }
}

extension SQLSession {
    public func forEachRow(_ sql: String, _ arguments: [any SQLValueConvertible], _ visit: (borrowing RowCursor) throws -> Void) throws {
        for row in try query(sql, arguments) { try visit(RowCursor(row)) }
    }
}
