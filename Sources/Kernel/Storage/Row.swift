/// One result row, its values read out of the statement so it outlives the next step.
///
/// Its readers are `@inlinable`: every module reads rows, and a generic `get` that is not specialised in the
/// caller's module pays for metadata look-ups and witness calls on every column of every row.
public struct Row: Sendable {
    @usableFromInline let columns: ColumnIndex
    @usableFromInline let values: [SQLValue]

    init(columns: ColumnIndex, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column by name; `.null` when there is no such column.
    @inlinable
    public subscript(_ column: String) -> SQLValue {
        guard let i = columns.index[column] else { return .null }
        return values[i]
    }

    /// The value at a position (0-based).
    @inlinable
    public subscript(_ position: Int) -> SQLValue { values[position] }

    /// The value of `column` as `T`; throws when the stored value does not convert (a schema bug, not bad input).
    @inlinable
    public func get<T: SQLValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = T(sqlValue: self[column]) else { throw mismatch(column, T.self) }
        return value
    }

    /// The value at `position` (0-based, in the order of the SELECT) as `T`: no look-up by name, for the hot reads
    /// whose SELECT lists its columns from the same definition the reader takes the positions from.
    @inlinable
    public func get<T: SQLValueConvertible>(at position: Int, as type: T.Type = T.self) throws -> T {
        guard let value = T(sqlValue: values[position]) else { throw mismatch(at: position, T.self) }
        return value
    }

    @usableFromInline
    func mismatch(_ column: String, _ type: Any.Type) -> StorageError {
        StorageError(.invalidValue, "column \(column) holds \(self[column]), not \(type)")
    }

    @usableFromInline
    func mismatch(at position: Int, _ type: Any.Type) -> StorageError {
        StorageError(.invalidValue, "column \(columns.names[position]) holds \(values[position]), not \(type)")
    }
}

/// Column name → position, shared by all rows of one result.
@usableFromInline
final class ColumnIndex: Sendable {
    @usableFromInline let index: [String: Int]
    /// The names by position.
    @usableFromInline let names: [String]
    init(_ names: [String]) {
        self.names = names
        var index = [String: Int]()
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }
}
