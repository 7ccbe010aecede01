import CSQLite

/// A prepared statement, cached by its connection and reused (prepared with `SQLITE_PREPARE_PERSISTENT`).
///
/// Not `Sendable`: it belongs to its connection, which belongs to one thread.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private var columns: ColumnIndex?

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ arguments: [any SQLValueConvertible], connection: OpaquePointer) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw StorageError(.engine, "\(arguments.count) arguments for \(expected) parameters", engineCode: SQLITE_RANGE, sql: sql)
        }
        for (i, argument) in arguments.enumerated() {
            let position = Int32(i + 1)
            let rc: Int32
            switch argument.sqlValue {
            case .null: rc = sqlite3_bind_null(handle, position)
            case .integer(let v): rc = sqlite3_bind_int64(handle, position, v)
            case .real(let v): rc = sqlite3_bind_double(handle, position, v)
            case .text(var v):
                // With its byte length: text may hold NUL characters, and a C string would end at the first one.
                rc = v.withUTF8 { bytes in
                    // A nil address would bind NULL: an empty string binds a pointer to a terminator instead.
                    guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, position, "", 0, csqlite_transient()) }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(handle, position, $0, Int32(bytes.count), csqlite_transient())
                    }
                }
            case .blob(let v) where v.isEmpty:
                rc = sqlite3_bind_zeroblob(handle, position, 0)  // a nil address would bind NULL
            case .blob(let v):
                rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), csqlite_transient()) }
            }
            guard rc == SQLITE_OK else { throw SQLiteConnection.error(connection, rc, sql: sql) }
        }
    }

    /// Steps to completion, collecting every row.
    func rows(connection: OpaquePointer) throws -> [Row] {
        defer { sqlite3_reset(handle) }
        var rows = [Row]()
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw SQLiteConnection.error(connection, rc, sql: sql) }
            rows.append(currentRow())
        }
    }

    /// Steps to completion, handing each row to `visit` in place.
    func visitRows(connection: OpaquePointer, _ visit: (borrowing RowCursor) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        let cursor = RowCursor(self)
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw SQLiteConnection.error(connection, rc, sql: sql) }
            try visit(cursor)
        }
    }

    /// Steps once past a statement that returns no rows.
    func run(connection: OpaquePointer) throws {
        defer { sqlite3_reset(handle) }
        var rc = sqlite3_step(handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(handle) }
        guard rc == SQLITE_DONE else { throw SQLiteConnection.error(connection, rc, sql: sql) }
    }

    /// The row the statement is on, read out.
    func currentRow() -> Row {
        let count = Int(sqlite3_column_count(handle))
        let columns = self.columns ?? ColumnIndex((0..<count).map { String(cString: sqlite3_column_name(handle, Int32($0))) })
        self.columns = columns
        var values = [SQLValue]()
        values.reserveCapacity(count)
        for i in 0..<Int32(count) { values.append(Self.value(handle, at: i)) }
        return Row(columns: columns, values: values)
    }

    /// The value of column `i` of the row the statement `handle` is on.
    static func value(_ handle: OpaquePointer, at i: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            let n = Int(sqlite3_column_bytes(handle, i))
            let text = sqlite3_column_text(handle, i).map {
                String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
            } ?? ""
            return .text(text)
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(handle, i))
            let bytes = sqlite3_column_blob(handle, i).map {
                Array(UnsafeRawBufferPointer(start: $0, count: n).bindMemory(to: UInt8.self))
            } ?? []
            return .blob(bytes)
        default: return .null
        }
    }
}
