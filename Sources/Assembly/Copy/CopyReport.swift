import Foundation

/// What `copy` did: every table it copied with its row count, verified equal in both databases afterwards.
public struct CopyReport: Equatable, Sendable {
    /// One table and its rows.
    public struct Table: Equatable, Sendable {
        public let name: String
        public let rows: Int
    }

    /// By table name.
    public let tables: [Table]

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }

    /// One line per table, the counts in a column.
    public var summary: String {
        let width = (tables.map(\.name.count).max() ?? 0) + 2
        return tables.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "\($0.rows)" }.joined(separator: "\n")
    }
}
