import CSQLite
import Foundation

/// One SQLite connection with the settings every module relies on, and a prepared-statement cache.
///
/// Opens in WAL mode with `synchronous=NORMAL` (durable across process crashes; see
/// https://www.sqlite.org/wal.html), `foreign_keys=ON` and a busy timeout. Not `Sendable`: it lives inside one
/// actor (``Database``), which is the only way to reach it.
public final class SQLiteConnection {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`, creating its folder.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
        try execute("PRAGMA mmap_size=268435456")
        try execute("PRAGMA cache_size=-16384")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one statement (or several separated by `;` when there are no arguments).
    public func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws {
        if arguments.isEmpty, sql.contains(";") {
            let rc = sqlite3_exec(handle, sql, nil, nil, nil)
            guard rc == SQLITE_OK else { throw Self.error(handle, rc, sql: sql) }
            return
        }
        let statement = try prepared(sql)
        try statement.bind(arguments, connection: handle)
        try statement.run(connection: handle)
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [Row] {
        let statement = try prepared(sql)
        try statement.bind(arguments, connection: handle)
        return try statement.rows(connection: handle)
    }

    /// The first row of a query, or nil.
    public func queryOne(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Row? {
        try query(sql, arguments).first
    }

    /// The first column of the first row as `T`, or nil when there is no row.
    public func scalar<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [], as type: T.Type = T.self) throws -> T? {
        guard let row = try queryOne(sql, arguments) else { return nil }
        return T(sqlValue: row[0])
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last INSERT.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    private func prepared(_ sql: String) throws -> Statement {
        if let statement = cache[sql] { return statement }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw Self.error(handle, rc, sql: sql) }
        let statement = Statement(handle: stmt, sql: sql)
        cache[sql] = statement
        return statement
    }

    static func error(_ db: OpaquePointer, _ rc: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(db), message: String(cString: sqlite3_errmsg(db)), sql: sql)
    }
}
