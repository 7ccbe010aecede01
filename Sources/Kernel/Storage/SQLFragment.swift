/// A piece of SQL with the arguments of its `?` placeholders, spliced into a statement where its text goes (its
/// arguments go at the same place in the statement's argument list).
public struct SQLFragment: Sendable {
    public let sql: String
    public let arguments: [any SQLValueConvertible]

    public init(_ sql: String, _ arguments: [any SQLValueConvertible] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}
