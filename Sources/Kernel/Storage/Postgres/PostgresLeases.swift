import Synchronization

/// The leases this process holds on a PostgreSQL database: session-level advisory locks (`pg_try_advisory_lock`) on
/// one connection of their own, on a thread of its own (libpq blocks).
///
/// A lock lives as long as the session that took it: when the process dies or its connection drops, PostgreSQL
/// frees it and another process's next attempt gets the lease. Whenever the connection turns out to be gone, every
/// lease is counted as lost (``holds(_:)`` says false) and must be acquired again. The connection is never let go
/// while idle: it carries the locks.
final class PostgresLeases: Sendable {
    private let thread: ReaderPool<PostgresConnection>
    private let cluster: PostgresCluster
    /// The leases held on the current session.
    private let held = HeldLeases()

    init(library: LibPQ, options: PostgresConnection.Options) {
        cluster = options.cluster
        thread = ReaderPool(name: "postgres-leases", count: 1) { _ in PostgresConnection(library: library, options: options) }
    }

    /// Takes the lease unless another session holds it. Throws when the database cannot be reached.
    func acquire(_ name: String) async throws -> Bool {
        let (held, key) = (self.held, cluster.lockKey(name))
        return try await thread.run { connection in
            Self.connect(connection, held)
            if held.names.withLock({ $0.contains(name) }) { return true }
            let granted = try connection.query("SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END", [key]).first.flatMap { Int(sqlValue: $0[0]) } == 1
            if granted { held.names.withLock { _ = $0.insert(name) } }
            return granted
        }
    }

    /// Whether this process still holds the lease: false once its session is gone.
    func holds(_ name: String) async -> Bool {
        let held = self.held
        return (try? await thread.run { connection -> Bool in
            guard held.names.withLock({ $0.contains(name) }) else { return false }
            do {
                try connection.execute("SELECT 1", [])
                return true
            } catch {
                held.names.withLock { $0 = [] }
                connection.disconnect()
                return false
            }
        }) ?? false
    }

    /// Gives the lease up (nothing when it is not held).
    func release(_ name: String) async {
        let (held, key) = (self.held, cluster.lockKey(name))
        _ = try? await thread.run { connection in
            guard held.names.withLock({ $0.remove(name) }) != nil else { return }
            try connection.execute("SELECT pg_advisory_unlock(?)", [key])
        }
    }

    /// Closes the connection, which frees every lease.
    func close() async {
        await thread.close()
    }

    /// (Re)connects when needed; a new session holds no lock.
    private static func connect(_ connection: PostgresConnection, _ held: HeldLeases) {
        if connection.handle.map({ connection.library.status($0) != LibPQ.connectionOK }) ?? true {
            held.names.withLock { $0 = [] }
        }
        try? connection.connectIfNeeded()
    }
}

/// The names of the leases a session holds (touched from the lease thread only; the mutex keeps the checker content).
private final class HeldLeases: Sendable {
    let names = Mutex(Set<String>())
}
