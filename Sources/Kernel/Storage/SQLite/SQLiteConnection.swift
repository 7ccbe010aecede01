import CSQLite
import Foundation

/// One SQLite connection with the settings every module relies on, and a prepared-statement cache.
///
/// A writer opens the file read-write in WAL mode with `foreign_keys=ON`, the chosen ``Durability``
/// (`synchronous=FULL` or `NORMAL`) and statement journals in memory; a reader opens it read-only. Not `Sendable`: each connection is owned by
/// one thread of the ``SQLiteEngine`` (opened with `SQLITE_OPEN_NOMUTEX`: SQLite does no locking of its own).
final class SQLiteConnection: EngineConnection {
    /// What a connection is for.
    enum Role {
        case writer(Durability)
        case reader
        /// A read-write connection that only checkpoints (``SQLiteCheckpointer``), syncing as the writer does.
        case checkpointer(Durability)
    }

    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]
    /// The WAL hook's decision, kept alive as long as the connection (SQLite holds only a pointer to it).
    private var walHook: WALHook?

    /// SQLite's process-wide settings, made once before the first connection opens: memory statistics off. The
    /// system library is built without lookaside memory (OMIT_LOOKASIDE), so each statement a read runs makes a
    /// dozen or so allocations, and with statistics on each takes one mutex shared by every connection's thread.
    private static let processSettings: Void = { _ = csqlite_disable_memory_statistics() }()

    /// Opens the database at `path`. A writer creates the file (mode 0600, its folder too) when it is missing.
    init(path: String, role: Role, busyTimeoutMilliseconds: Int32 = 5000) throws {
        Self.processSettings
        var flags = SQLITE_OPEN_NOMUTEX
        switch role {
        case .writer:
            try DatabaseFile.createPrivately(path)
            flags |= SQLITE_OPEN_READWRITE
        case .checkpointer:
            flags |= SQLITE_OPEN_READWRITE
        case .reader:
            flags |= SQLITE_OPEN_READONLY
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw StorageError(.cannotOpen, "\(message): \(path)", engineCode: rc)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        if case .writer(let durability) = role {
            try executeScript("PRAGMA journal_mode=WAL")
            try executeScript("PRAGMA synchronous=\(durability == .full ? "FULL" : "NORMAL")")
            try executeScript("PRAGMA foreign_keys=ON")
            // What a write replaces or deletes is zeroed rather than left in free space, so secrets sealed in place
            // and personal data purged leave no copy in the file or a backup. (Debian builds SQLite with this on;
            // saying so keeps it on wherever the library was built otherwise.)
            try executeScript("PRAGMA secure_delete=ON")
            // Every body of a group runs in a savepoint, whose undo records SQLite keeps in a statement journal: a
            // temporary file by default, written with a pwrite per page a body first touches (more pwrites than
            // the WAL itself under load). In memory they cost nothing but the group's pages.
            try executeScript("PRAGMA temp_store=MEMORY")
        }
        if case .checkpointer(let durability) = role {
            try executeScript("PRAGMA synchronous=\(durability == .full ? "FULL" : "NORMAL")")
        }
        // Pages are read into each connection's own cache of at most 16 MiB, not memory-mapped: a mapping keeps
        // every page it touched resident, so the server's memory would follow the database's size (a 100,000-delivery
        // backlog mapped 237 MiB) instead of staying bounded.
        try executeScript("PRAGMA mmap_size=0")
        try executeScript("PRAGMA cache_size=-16384")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Replaces SQLite's automatic checkpoint: after each commit on this connection `decide` gets the WAL's size in
    /// pages, and this connection checkpoints (passively) only when it returns true.
    func checkpointAfterCommit(when decide: @escaping (_ walPages: Int) -> Bool) {
        let hook = WALHook(decide)
        walHook = hook
        sqlite3_wal_hook(handle, { context, db, _, pages in
            guard let context, Unmanaged<WALHook>.fromOpaque(context).takeUnretainedValue().decide(Int(pages)) else { return SQLITE_OK }
            // SQLITE_BUSY when another connection is checkpointing: the next commit asks again.
            sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return SQLITE_OK
        }, Unmanaged.passUnretained(hook).toOpaque())
    }

    /// Copies what the WAL holds into the database file without waiting for readers or the writer.
    func checkpointPassively() throws {
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        guard rc == SQLITE_OK else { throw Self.error(handle, rc, sql: nil) }
    }

    func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws {
        let statement = try prepared(sql)
        try statement.bind(arguments, connection: handle)
        try statement.run(connection: handle)
    }

    func executeScript(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw Self.error(handle, rc, sql: sql) }
    }

    func query(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [Row] {
        let statement = try prepared(sql)
        try statement.bind(arguments, connection: handle)
        return try statement.rows(connection: handle)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLValueConvertible], _ visit: (borrowing RowCursor) throws -> Void) throws {
        let statement = try prepared(sql)
        try statement.bind(arguments, connection: handle)
        try statement.visitRows(connection: handle, visit)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    var dialect: SQLDialect { .sqlite }

    let beginWrite = "BEGIN IMMEDIATE"
    let beginRead = "BEGIN"

    /// Whether a transaction is open on this connection (SQLite ends one by itself after some errors).
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// A file connection stays open from its creation to its end.
    func connectIfNeeded() {}

    func disconnect() {}

    private func prepared(_ sql: String) throws -> Statement {
        if let statement = cache[sql] { return statement }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw Self.error(handle, rc, sql: sql) }
        let statement = Statement(handle: stmt, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// The connection's last error as a ``StorageError``.
    static func error(_ db: OpaquePointer, _ rc: Int32, sql: String?) -> StorageError {
        let extended = sqlite3_extended_errcode(db)
        return StorageError(code(extended), String(cString: sqlite3_errmsg(db)), engineCode: extended, sql: sql)
    }

    /// The engine-neutral code of an extended result code (https://www.sqlite.org/rescode.html).
    static func code(_ extended: Int32) -> StorageError.Code {
        switch extended {
        case CSQLITE_CONSTRAINT_UNIQUE, CSQLITE_CONSTRAINT_PRIMARYKEY: .uniqueViolation
        case _ where extended & 0xFF == SQLITE_CONSTRAINT: .constraintViolation
        case _ where extended & 0xFF == SQLITE_BUSY || extended & 0xFF == SQLITE_LOCKED: .busy
        case _ where extended & 0xFF == SQLITE_CANTOPEN: .cannotOpen
        default: .engine
        }
    }
}

/// What ``SQLiteConnection/checkpointAfterCommit(when:)`` hands SQLite's WAL hook, as its context pointer.
private final class WALHook {
    let decide: (Int) -> Bool

    init(_ decide: @escaping (Int) -> Bool) { self.decide = decide }
}
