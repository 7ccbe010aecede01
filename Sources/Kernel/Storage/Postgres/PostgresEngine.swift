import Foundation
import Synchronization

/// The PostgreSQL engine: one writer connection that group-commits, and a bounded pool of reader connections, each
/// owned by a thread of its own (libpq blocks; Swift's cooperative pool never does).
///
/// Writes keep the SQLite engine's semantics (``GroupCommitter``): the bodies queued since the last commit run in
/// one transaction, each in a savepoint of its own, at most 64 to a transaction (PostgreSQL caches 64
/// subtransactions per transaction; more slow down every snapshot). A body that throws is rolled back alone, and
/// a `write` returns once `COMMIT` returned, with `synchronous_commit` on under ``Durability/full`` (off under
/// ``Durability/normal``: a crash of the database server may then lose the last commits). Reads run in
/// `REPEATABLE READ READ ONLY` transactions: one snapshot per body, never waiting for writes.
///
/// **Commit order across processes.** The bus numbers events with an identity column, and PostgreSQL hands out
/// identity values at insert, not at commit: with two writers (two replicas, or `operators create` while a server
/// runs), event 11 could commit before event 10, and a subscriber that read 11 would move its checkpoint past 10 for
/// good. So every write transaction of every process takes one transaction-level advisory lock
/// (``PostgresCluster/writeLock``, `pg_advisory_xact_lock`) as its first statement, and holds it until its COMMIT:
/// write transactions on the database run one at a time, inserts and commits happen in the same order, and the
/// outbox sequence and each tenant's sequence are commit order, as on SQLite. It cannot deadlock: the lock is taken
/// before any other, by every writer, in the same place. Readers never take it. Chosen over a read-side high-water
/// mark (reading only below the oldest running writer's snapshot) because it keeps the subscribers' query and the
/// `drain`/head logic unchanged and is easy to prove; what it costs is that writes do not run in parallel across
/// replicas. Each process still group-commits (up to 64 bodies per transaction, one lock round trip per group), so
/// replicas add availability, not write throughput.
///
/// **Replicas.** Besides the writer and readers, a process opens at most two more connections: one holding its
/// leases (``PostgresLeases``: session advisory locks, freed by PostgreSQL when the process dies) and one listening
/// for the other processes' notifications (``PostgresListener``).
public final class PostgresEngine: StorageEngine {
    /// The most write bodies one transaction takes.
    static let maximumGroup = 64

    public let clock: any WallClock
    public let settings: StorageSettings
    /// The database, its password hidden.
    public let location: String
    private let writer: GroupCommitWriter
    private let readers: ReaderPool<PostgresConnection>
    private let leases: PostgresLeases
    private let listener: PostgresListener
    private let notifications = NotificationHub()
    /// Opens the listening connection (on the listener's thread).
    private let openListener: @Sendable () -> PostgresConnection
    /// Whether the writer has set the database up (its schema, the engine's own tables).
    private let setUp = SetUpFlag()

    /// Loads libpq (throws at once when it is missing) and starts the threads; nothing blocks here. The writer
    /// connects before its first write, checks the database's encoding, creates the schema when one is set and
    /// missing, and applies the engine's own schema: a wrong URL or password fails the first write (`migrate`, which
    /// every command runs first). Reader connections connect at their first read.
    public init(url: String, clock: any WallClock, settings: StorageSettings = StorageSettings()) throws {
        precondition(settings.readers >= 1, "an engine needs at least one reader")
        if let schema = settings.schema, !Self.isPlainName(schema) {
            throw StorageError(.cannotOpen, "the schema name must be 1…63 letters, digits or _, not starting with a digit: '\(schema)'")
        }
        let library = try LibPQ.load(settings.clientLibrary ?? LibPQ.defaultName)
        self.clock = clock
        self.settings = settings
        location = StorageLocation.redacting(url)
        let options = PostgresConnection.Options(url: url, schema: settings.schema, durability: settings.durability)
        let connection = PostgresConnection(library: library, options: options)
        let setUp = self.setUp
        connection.setUp = { connection in
            try Self.checkEncoding(connection)
            if let schema = settings.schema { try Self.createSchema(schema, connection) }
            try EngineSchema.apply(on: connection, now: clock.now())
            setUp.isDone.store(true, ordering: .releasing)
        }
        readers = ReaderPool(name: "postgres-reader", count: settings.readers, idle: settings.idleTimeout) { _ in
            PostgresConnection(library: library, options: options)
        }
        leases = PostgresLeases(library: library, options: options)
        listener = PostgresListener(hub: notifications)
        openListener = { PostgresConnection(library: library, options: options) }
        writer = GroupCommitWriter(
            name: "postgres-writer", connection: connection, clock: clock, maximumGroup: Self.maximumGroup, idle: settings.idleTimeout)
    }

    public var dialect: SQLDialect { .postgres }

    public func read<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        if !setUp.isDone.load(ordering: .acquiring) {
            // The writer sets the database up before its first transaction: an empty write makes it do so now.
            try await writer.write { _ in }
        }
        return try await readers.read(clock: clock, body)
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

    /// Every process's messages arrive through `LISTEN` on one connection of this process (``PostgresListener``),
    /// opened by the first handler.
    public func onNotification(_ channel: String, _ handler: @escaping @Sendable (DatabaseNotification) -> Void) {
        notifications.add(channel, handler)
        listener.start(openListener)
    }

    /// A session-level advisory lock on the lease connection (``PostgresLeases``).
    public func acquireLease(_ name: String) async throws -> Bool {
        try await leases.acquire(name)
    }

    public func holdsLease(_ name: String) async -> Bool {
        await leases.holds(name)
    }

    public func releaseLease(_ name: String) async {
        await leases.release(name)
    }

    /// Not the engine's work: PostgreSQL databases are backed up with `pg_dump` (``backupCommand(url:to:)``).
    public func backup(to destination: String) async throws {
        throw StorageError(.unsupported, "a PostgreSQL database is backed up with pg_dump, not by operator-api")
    }

    /// PostgreSQL checks its own pages as it reads them; this checks that the database answers.
    public func integrityCheck() async throws -> [String] {
        try await read { tx in try tx.scalar("SELECT 1", as: Int.self) == 1 ? ["ok"] : ["the database did not answer SELECT 1"] }
    }

    public func close() async {
        await writer.close()
        await readers.close()
        await leases.close()
        await listener.close()
    }

    public var statistics: StorageStatistics { writer.shared.statistics }

    /// Writes waiting for the writer thread.
    var queuedWrites: Int { writer.queued }

    /// The `pg_dump` command that writes a backup of the database at `url` to `destination`, in pg_dump's custom
    /// format (restore with `pg_restore`). The password is left out: pg_dump asks for it, or reads `PGPASSWORD` or
    /// `~/.pgpass`.
    public static func backupCommand(url: String, to destination: String) -> String {
        "pg_dump --format=custom --file=\(shellQuoted(destination)) --dbname=\(shellQuoted(StorageLocation.removingPassword(url)))"
    }

    /// Set by the writer thread once the database is set up; read by the tasks that read.
    private final class SetUpFlag: Sendable {
        let isDone = Atomic(false)
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    private static func isPlainName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), !(0x30...0x39).contains(bytes[0]) else { return false }
        return bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F }
    }

    /// Text must round-trip exactly: the database must store UTF-8.
    private static func checkEncoding(_ connection: PostgresConnection) throws {
        let encoding = try connection.setting("server_encoding")
        guard encoding == "UTF8" else {
            throw StorageError(.cannotOpen, "the PostgreSQL database must use the UTF8 encoding, not \(encoding ?? "unknown") (CREATE DATABASE … ENCODING 'UTF8')")
        }
    }

    /// Creates `schema` unless it exists; another process creating it at the same moment is fine.
    private static func createSchema(_ schema: String, _ connection: PostgresConnection) throws {
        do {
            try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \"\(schema)\"")
        } catch let error as StorageError where error.code == .uniqueViolation {
            return
        }
    }
}
