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
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }
    /// The SQL the engine underneath speaks.
    var dialect: SQLDialect { get }
}
