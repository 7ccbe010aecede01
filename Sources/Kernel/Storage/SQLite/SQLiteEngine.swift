import Foundation

/// The SQLite engine: one file in WAL mode, one writer thread that group-commits, and a pool of reader threads.
///
/// Writes queue to the writer thread, which runs everything queued since its last commit as one transaction, each
/// body in a savepoint of its own (``GroupCommitter``): under load one fsync covers many writes. Reads go to the
/// first free of ``Settings/readers`` read-only connections, each on a thread of its own; in WAL mode they see the
/// last commit before they began and never wait for the writer. No blocking SQLite call runs on Swift's
/// cooperative pool. Checkpoints run on a thread of their own as well (``SQLiteCheckpointer``).
public final class SQLiteEngine: StorageEngine {
    /// How the engine opens the file: durability and readers (the PostgreSQL settings are not read).
    public typealias Settings = StorageSettings

    public let clock: any WallClock
    public let settings: Settings
    private let writer: GroupCommitWriter
    private let readers: ReaderPool<SQLiteConnection>
    let checkpointer: SQLiteCheckpointer

    /// Opens (creating it, mode 0600, and its folder when missing) the database at `path` and applies the engine's
    /// own schema.
    public convenience init(path: String, clock: any WallClock, settings: Settings = Settings()) throws {
        try self.init(path: path, clock: clock, settings: settings, checkpoints: SQLiteCheckpointer.Thresholds())
    }

    /// The same, with checkpoints at other WAL sizes (tests).
    init(path: String, clock: any WallClock, settings: Settings, checkpoints: SQLiteCheckpointer.Thresholds) throws {
        precondition(settings.readers >= 1, "an engine needs at least one reader")
        self.clock = clock
        self.settings = settings
        let connection = try SQLiteConnection(path: path, role: .writer(settings.durability))
        try EngineSchema.apply(on: connection, now: clock.now())
        let checkpointer = try SQLiteCheckpointer(path: path, durability: settings.durability, thresholds: checkpoints)
        connection.checkpointAfterCommit(when: checkpointer.walCommitted(pages:))
        self.checkpointer = checkpointer
        readers = try ReaderPool(name: "sqlite-reader", count: settings.readers) { _ in try SQLiteConnection(path: path, role: .reader) }
        writer = GroupCommitWriter(name: "sqlite-writer", connection: connection, clock: clock)
    }

    public var dialect: SQLDialect { .sqlite }

    public func read<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        try await readers.read(clock: clock, body)
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

    /// One process per file: messages go to this process's handlers right after their commit, and none is ever missed.
    public func onNotification(_ channel: String, _ handler: @escaping @Sendable (DatabaseNotification) -> Void) {
        writer.shared.localBroadcasts.add(channel, handler)
    }

    /// Always granted: one process per file, so no other process can hold it.
    public func acquireLease(_ name: String) async throws -> Bool { true }

    public func holdsLease(_ name: String) async -> Bool { true }

    public func releaseLease(_ name: String) async {}

    /// Copies a reader's snapshot: writes go on meanwhile.
    public func backup(to destination: String) async throws {
        try await readers.run { try $0.backup(to: destination) }
    }

    public func integrityCheck() async throws -> [String] {
        try await readers.run { try $0.integrityCheck() }
    }

    public func close() async {
        await writer.close()
        await checkpointer.close()
        await readers.close()
    }

    public var statistics: StorageStatistics { writer.shared.statistics }

    /// Writes waiting for the writer thread (tests use it to line writes up into one group).
    var queuedWrites: Int { writer.queued }
}
