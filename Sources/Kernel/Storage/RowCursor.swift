import CSQLite

/// The row a query is on, read where it lies: for a result that is written out as it is read (a list route's JSON),
/// with no ``Row`` (an array of values) and no `String` per text column.
///
/// Only valid inside the visit that hands it out (``Transaction/forEachRow(_:_:_:)``): the next step of the
/// statement replaces what it reads. Its readers convert exactly as ``Row``'s do and throw the same error when a
/// stored value does not convert.
public struct RowCursor: ~Copyable {
    /// SQLite's statement handle, stepped onto the row; nil for a row read out already. A bare pointer: reading
    /// through it costs no retain and release per value.
    private let handle: OpaquePointer?
    /// The statement of `handle`, to read the row out (``row()``). Unowned: the cursor exists only inside
    /// ``Statement/visitRows(connection:_:)``, which holds the statement for as long.
    private unowned(unsafe) let statement: Statement?
    /// The row, when it was read out already (an engine that has no cursor of its own).
    private let readOut: Row?

    init(_ statement: Statement) {
        handle = statement.handle
        self.statement = statement
        readOut = nil
    }

    init(_ row: Row) {
        handle = nil
        statement = nil
        readOut = row
    }

    /// The value at `position` (0-based, in the order of the SELECT), as a ``Row`` would hold it (text becomes a `String`).
    public func value(at position: Int) -> SQLValue {
        guard let handle else { return readOut![position] }
        return Statement.value(handle, at: Int32(position))
    }

    /// Whether the value at `position` is NULL.
    public func isNull(at position: Int) -> Bool {
        guard let handle else { return readOut![position] == .null }
        return sqlite3_column_type(handle, Int32(position)) == SQLITE_NULL
    }

    /// The value at `position` as `T`, as ``Row/get(at:as:)`` converts it. For numbers and times: a text value
    /// becomes a `String` here (``withText(at:_:)`` reads one in place).
    @inlinable
    public func get<T: SQLValueConvertible>(at position: Int, as type: T.Type = T.self) throws -> T {
        guard let value = T(sqlValue: value(at: position)) else { throw mismatch(at: position, T.self) }
        return value
    }

    /// Calls `body` with the UTF-8 bytes of the text at `position`, valid only inside `body`; false, without calling
    /// it, when the value is NULL. Throws ``Row/get(at:as:)``'s error for `String?` when the value is not text.
    @discardableResult
    public func withText(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let handle else { return try withText(in: readOut![position], at: position, body) }
        let column = Int32(position)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return false
        case SQLITE_TEXT:
            try body(UnsafeBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column))))
            return true
        default: throw mismatch(at: position, String?.self)
        }
    }

    /// ``withText(at:_:)`` for a value read out already.
    private func withText(in value: SQLValue, at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        switch value {
        case .null: return false
        case .text(var text):
            try text.withUTF8 { try body($0) }
            return true
        default: throw mismatch(at: position, String?.self)
        }
    }

    /// The row read out, for the rare reader that needs values of its own.
    public func row() -> Row {
        readOut ?? statement!.currentRow()
    }

    /// The error ``Row/get(at:as:)`` throws when the value at `position` does not convert to `type`.
    @usableFromInline
    func mismatch(at position: Int, _ type: Any.Type) -> StorageError {
        row().mismatch(at: position, type)
    }
}
