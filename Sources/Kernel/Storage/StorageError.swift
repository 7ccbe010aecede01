/// An error of the storage layer, the same whichever engine runs underneath: callers decide on ``code``, never on
/// an engine's own numbers.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a stable code (compare codes, not messages).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String

        private init(_ name: String) { self.name = name }

        /// A UNIQUE or PRIMARY KEY constraint failed: the row already exists.
        public static let uniqueViolation = Code("unique_violation")
        /// Another constraint failed (foreign key, CHECK, NOT NULL).
        public static let constraintViolation = Code("constraint_violation")
        /// Another writer held the database beyond the busy timeout.
        public static let busy = Code("busy")
        /// A stored value does not convert to the type asked for (a schema bug, not bad input).
        public static let invalidValue = Code("invalid_value")
        /// Migrations are not numbered 1, 2, 3… per module.
        public static let invalidMigration = Code("invalid_migration")
        /// The database could not be opened or created (a file, or a server refusing the connection).
        public static let cannotOpen = Code("cannot_open")
        /// The database server's connection broke mid-way (the engine reconnects for the next unit of work). A
        /// commit in flight when it broke may or may not have happened.
        public static let connectionLost = Code("connection_lost")
        /// The client library an engine loads at run time (libpq for PostgreSQL) is not installed.
        public static let clientLibraryMissing = Code("client_library_missing")
        /// The engine does not do this (a backup file of a PostgreSQL database: that is `pg_dump`'s work).
        public static let unsupported = Code("unsupported")
        /// The database was closed (``Database/close()``): it takes no more reads or writes.
        public static let closed = Code("closed")
        /// A bus subscriber's checkpoint was not where its runner started from: another process runs the subscriber
        /// now (the runner's lease was lost), and the runner's batch was rolled back.
        public static let checkpointMoved = Code("checkpoint_moved")
        /// Anything else the engine reported (its code is in ``StorageError/engineCode``).
        public static let engine = Code("engine")

        public var description: String { name }
    }

    public let code: Code
    public let message: String
    /// The engine's own code (SQLite's extended result code), for logs; nil when the error is not the engine's.
    public let engineCode: Int32?
    /// PostgreSQL's five-character SQLSTATE (`23505`), for logs; nil on other engines.
    public let sqlState: String?
    /// The statement that failed, if any (never includes bound values, which may be secrets).
    public let sql: String?

    public init(_ code: Code, _ message: String, engineCode: Int32? = nil, sqlState: String? = nil, sql: String? = nil) {
        self.code = code
        self.message = message
        self.engineCode = engineCode
        self.sqlState = sqlState
        self.sql = sql
    }

    /// A UNIQUE or PRIMARY KEY constraint failed: the row already exists.
    public var isUniqueViolation: Bool { code == .uniqueViolation }

    public var description: String {
        "storage error \(code)" + (engineCode.map { " (\($0))" } ?? "") + (sqlState.map { " (SQLSTATE \($0))" } ?? "") + ": \(message)" + (sql.map { " in `\($0)`" } ?? "")
    }
}
