/// A storage engine behind ``Database``: SQLite (``SQLiteEngine``, the default) or PostgreSQL (``PostgresEngine``).
/// Domains never see it; they read and write through ``Database`` and ``Transaction``.
///
/// What every engine promises:
/// - ``read(_:)`` runs its body on a consistent snapshot and never waits for a writer.
/// - ``write(_:)`` runs its body in a transaction with the events it publishes, rolls the body's work back alone if
///   it throws, and returns only once the commit holding the work is durable (as the engine's durability setting
///   defines it).
/// - After each commit that published events, the commit observers get those events once, in order.
/// - Bodies run off Swift's cooperative pool (they block on I/O), and the engine's own schema (the bus outbox and
///   checkpoints, the migration bookkeeping) exists before any body runs (SQLite: once the engine is open;
///   PostgreSQL, which opens without blocking: before the first body).
public protocol StorageEngine: Sendable {
    /// The clock bodies read their ``Transaction/now`` from.
    var clock: any WallClock { get }

    /// The SQL the engine speaks.
    var dialect: SQLDialect { get }

    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T

    /// Runs `body` in a write transaction; returns its result once that is durable, or throws what it threw.
    func write<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> T

    /// Runs `body` in a write transaction and hands back its result once the body has run, with the commit that will
    /// hold it; see ``Database/writeAheadOfCommit(_:)``.
    func writeAheadOfCommit<T: Sendable>(_ body: sending @escaping (Transaction) throws -> T) async throws -> (T, PendingCommit)

    /// Calls `observer` after every commit that published events, with those events in order.
    func onCommit(_ observer: @escaping @Sendable ([Event]) -> Void)

    /// Calls `handler` with every message broadcast on `channel` by a committed transaction of any process on the
    /// database (this one included), and with ``DatabaseNotification/mayHaveMissed`` when some may have been lost.
    func onNotification(_ channel: String, _ handler: @escaping @Sendable (DatabaseNotification) -> Void)

    /// Takes the named lease unless another process holds it; true when this process holds it now.
    func acquireLease(_ name: String) async throws -> Bool

    /// Whether this process still holds the named lease (false once it was lost, e.g. with its connection).
    func holdsLease(_ name: String) async -> Bool

    /// Gives the named lease up (nothing when not held).
    func releaseLease(_ name: String) async

    /// Copies the live database to a new file at `destination`, readable by its owner only.
    func backup(to destination: String) async throws

    /// The engine's consistency check: `["ok"]` when sound, otherwise the problems found.
    func integrityCheck() async throws -> [String]

    /// Finishes the reads and writes already queued, closes every connection and ends the engine's threads; reads
    /// and writes after it throw. Returns once all of that is done.
    func close() async

    /// Counters since the engine opened.
    var statistics: StorageStatistics { get }
}
