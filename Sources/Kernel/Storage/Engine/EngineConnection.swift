/// A connection owned by one of an engine's threads: SQL through ``SQLSession``, plus what the shared writer
/// (``GroupCommitter``) and reader pool (``ReaderPool``) need to open transactions and to recover from a lost
/// connection. Not `Sendable`: it belongs to one thread (its type is: threads are started for it).
protocol EngineConnection: SQLSession, SendableMetatype {
    /// The statement that opens a write transaction (SQLite: `BEGIN IMMEDIATE`, which takes the write lock at once).
    var beginWrite: String { get }
    /// The statement that opens a read transaction on a consistent snapshot.
    var beginRead: String { get }
    /// Whether a transaction is open, including one a failed statement aborted (the engine may also end one by
    /// itself, or lose it with the connection).
    var isInTransaction: Bool { get }
    /// Makes the connection ready for the next unit of work: (re)connects when it is not connected. Throws when it
    /// cannot, and the unit of work fails with that error.
    func connectIfNeeded() throws
    /// Lets the connection go after it sat idle (a database server's connections are scarce); the next unit of work
    /// connects again. SQLite keeps its file open.
    func disconnect()
    /// Runs right after ``beginWrite``, as the write transaction's first statement: PostgreSQL takes the cluster-wide
    /// lock that puts every process's write transactions in one order (``PostgresEngine``); SQLite needs nothing
    /// (`BEGIN IMMEDIATE` already holds the file's one write lock).
    func serialiseWrites() throws
    /// Sends the messages a write transaction broadcasts, just before its `COMMIT`, so that they go out with the
    /// commit or not at all: PostgreSQL `NOTIFY`s them to every process; SQLite, one process per file, sends
    /// nothing (the writer hands them to this process's observers after the commit).
    func send(_ messages: [BroadcastMessage]) throws
}

extension EngineConnection {
    func serialiseWrites() throws {}

    func send(_ messages: [BroadcastMessage]) throws {}

    /// Opens a write transaction (``beginWrite``, then ``serialiseWrites()``), connecting first when needed.
    func beginWriteTransaction() throws {
        try begin(beginWrite)
        try serialiseWrites()
    }

    /// Opens a transaction with `statement`, connecting first when needed. A connection the server dropped while it
    /// sat idle is only found out here: nothing has run on it yet, so it reconnects and opens the transaction once
    /// more.
    func begin(_ statement: String) throws {
        try connectIfNeeded()
        do {
            try execute(statement, [])
        } catch let error as StorageError where error.code == .connectionLost {
            try connectIfNeeded()
            try execute(statement, [])
        }
    }
}
