/// One result row, its values read out of the statement so it outlives the next step.
public struct Row: Sendable {
    let columns: ColumnIndex
    let values: [SQLValue]

    /// The raw value of a column by name; `.null` when there is no such column.
    public subscript(_ column: String) -> SQLValue {
        guard let i = columns.index[column] else { return .null }
        return values[i]
    }

    /// The value at a position (0-based).
    public subscript(_ position: Int) -> SQLValue { values[position] }

    /// The value of `column` as `T`; throws when the stored value does not convert (a schema bug, not bad input).
    public func get<T: SQLValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = T(sqlValue: self[column]) else {
            throw StorageError(.invalidValue, "column \(column) holds \(self[column]), not \(T.self)")
        }
        return value
    }
}

/// Column name → position, shared by all rows of one result.
final class ColumnIndex: Sendable {
    let index: [String: Int]
    init(_ names: [String]) {
        var index = [String: Int]()
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }
}
