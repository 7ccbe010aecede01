import Foundation

/// The SQLite engine: one file in WAL mode, one writer thread that group-commits, and a pool of reader threads.
///
/// Writes queue to the writer thread, which runs everything queued since its last commit as one transaction, each
/// body in a savepoint of its own (``GroupCommitter``): under load one fsync covers many writes. Reads go to the
/// first free of ``Settings/readers`` read-only connections, each on a thread of its own; in WAL mode they see the
/// last commit before they began and never wait for the writer. No blocking SQLite call runs on Swift's
/// cooperative pool.
public final class SQLiteEngine: StorageEngine {
    /// How the engine opens the file.
    public struct Settings: Sendable, Equatable {
        /// `synchronous=FULL` (the default) or `NORMAL`; see ``Durability``.
        public var durability: Durability
        /// Read-only connections, each with a thread of its own. Default: one per core, at least two.
        public var readers: Int

        public init(durability: Durability = .full, readers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
            self.durability = durability
            self.readers = readers
        }
    }

    public let clock: any WallClock
    public let settings: Settings
    private let writer: SQLiteWriter
    private let readers: SQLiteReaderPool

    /// Opens (creating it, mode 0600, and its folder when missing) the database at `path` and applies the engine's
    /// own schema.
    public init(path: String, clock: any WallClock, settings: Settings = Settings()) throws {
        precondition(settings.readers >= 1, "an engine needs at least one reader")
        self.clock = clock
        self.settings = settings
        let connection = try SQLiteConnection(path: path, role: .writer(settings.durability))
        try Self.applyOwnSchema(connection, now: clock.now())
        readers = try SQLiteReaderPool(path: path, count: settings.readers)
        writer = SQLiteWriter(connection: connection, clock: clock)
    }

    public func read<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        let clock = self.clock
        return try await readers.run { connection in
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            return try body(Transaction(session: connection, now: clock.now(), isWrite: false))
        }
    }

    public func write<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    public func writeAheadOfCommit<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> (T, PendingCommit) {
        try await writer.writeAheadOfCommit(body)
    }

    public func onCommit(_ observer: @escaping @Sendable ([Event]) -> Void) {
        writer.shared.addObserver(observer)
    }

    /// Copies a reader's snapshot: writes go on meanwhile.
    public func backup(to destination: String) async throws {
        try await readers.run { try $0.backup(to: destination) }
    }

    public func integrityCheck() async throws -> [String] {
        try await readers.run { try $0.integrityCheck() }
    }

    public var statistics: StorageStatistics { writer.shared.statistics }

    /// Writes waiting for the writer thread (tests use it to line writes up into one group).
    var queuedWrites: Int { writer.queued }
}
