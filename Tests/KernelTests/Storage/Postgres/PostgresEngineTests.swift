import Foundation
@testable import Kernel
import Synchronization
import Testing
import TestSupport

/// What only the PostgreSQL engine does, against the throwaway cluster `scripts/test` starts. Without one these
/// tests are skipped, and say so.
@Suite(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.postgresSkipped), .databases)
struct PostgresEngineTests {
    let test = TestDatabase(engine: .postgres)
    var url: String { TestDatabase.postgresURL! }

    /// This test's engine; its connections stay open (the tests look at them) until the test ends.
    func open(durability: Durability = .full) throws -> PostgresEngine {
        var settings = test.settings
        settings.durability = durability
        settings.idleTimeout = nil
        let engine = try PostgresEngine(url: url, clock: ManualClock(), settings: settings)
        _ = test.adopt(Database(engine: engine))
        return engine
    }

    @Test func firstWrite_whenTheServerRefuses_failsWithoutShowingThePassword() async throws {
        let server = try #require(url.split(separator: "@", maxSplits: 1).last)
        let refused = test.adopt(Database(engine: try PostgresEngine(url: "postgres://no_such_role:not-the-Password-42@" + server,
                                                                     clock: ManualClock(), settings: test.settings)))
        await #expect {
            try await refused.migrate([])
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.code == .cannotOpen && !error.description.contains("not-the-Password-42") && error.description.contains(":***@")
        }
    }

    @Test func durability_setsSynchronousCommitOnEveryConnection() async throws {
        #expect(try await Database(engine: open()).write { try $0.scalar("SHOW synchronous_commit", as: String.self) } == "on")
        let normal = Database(engine: try open(durability: .normal))
        #expect(try await normal.write { try $0.scalar("SHOW synchronous_commit", as: String.self) } == "off")
        #expect(try await normal.read { try $0.scalar("SHOW transaction_isolation", as: String.self) } == "repeatable read")
    }

    @Test func schema_keepsEachDatabaseApart() async throws {
        let first = Database(engine: try open())
        let second = try TestDatabase(engine: .postgres).open(clock: ManualClock())
        try await first.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        try await first.write { try $0.execute("INSERT INTO t VALUES (1)") }
        try await second.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        #expect(try await second.read { try $0.scalar("SELECT COUNT(*) FROM t", as: Int.self) } == 0)
        #expect(try await first.read { try $0.scalar("SELECT current_schema()", as: String.self) } == test.settings.schema)
    }

    @Test func writes_queuedBeyondAGroupsLimit_commitInSeveralTransactions() async throws {
        let engine = try open()
        let db = Database(engine: engine)
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        let gate = ThreadGate()
        let held = Task { try await db.write { _ in gate.block() } }
        await gate.waitForArrivals()
        let before = engine.statistics
        let count = PostgresEngine.maximumGroup + 10
        var writes = [Task<Void, any Error>]()
        for x in 0..<count {
            writes.append(Task { try await db.write { try $0.execute("INSERT INTO t VALUES (?)", [x]) } })
        }
        while engine.queuedWrites < count { await Task.yield() }
        gate.open()
        try await held.value
        for write in writes { try await write.value }
        #expect(engine.statistics.commits - before.commits == 3)  // the held body, a full group, the rest
        #expect(try await db.read { try $0.scalar("SELECT COUNT(*) FROM t", as: Int.self) } == count)
    }

    @Test func events_fromConcurrentWriters_reachObserversInSequenceOrder() async throws {
        let db = Database(engine: try open())
        let seen = Mutex<[Int64]>([])
        db.onCommit { events in seen.withLock { $0 += events.map(\.sequence) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<200 {
                group.addTask { _ = try await db.write { try $0.publish(.ping(n)) } }
            }
            try await group.waitForAll()
        }
        let sequences = seen.withLock { $0 }
        #expect(sequences.count == 200)
        #expect(sequences == sequences.sorted())
        let stored = try await db.read { try $0.query("SELECT sequence FROM bus_events ORDER BY sequence").map { try $0.get("sequence", as: Int64.self) } }
        #expect(stored == sequences)
    }

    @Test func connections_droppedByTheServer_reconnectForTheNextWriteAndRead() async throws {
        let db = Database(engine: try open())
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        let writer = try #require(try await db.write { try $0.scalar("SELECT pg_backend_pid()", as: Int.self) })
        let reader = try #require(try await db.read { try $0.scalar("SELECT pg_backend_pid()", as: Int.self) })
        let killer = try TestDatabase(engine: .postgres).open(clock: ManualClock())
        for pid in [writer, reader] {
            #expect(try await killer.write { try $0.scalar("SELECT pg_terminate_backend(CAST(? AS INTEGER))", [pid], as: Bool.self) } == true)
        }
        try await db.write { try $0.execute("INSERT INTO t VALUES (1)") }
        #expect(try await db.read { try $0.scalar("SELECT COUNT(*) FROM t", as: Int.self) } == 1)
        #expect(try await db.write { try $0.scalar("SELECT pg_backend_pid()", as: Int.self) } != writer)
    }

    @Test func migrations_fromTwoProcessesAtOnce_applyEachStepOnce() async throws {
        let migrations = (1...5).map { Migration(module: "m", version: $0, sql: "CREATE TABLE m\($0)(x INTEGER)") }
        let first = Database(engine: try open()), second = Database(engine: try open())
        async let a = first.migrate(migrations)
        async let b = second.migrate(migrations)
        let (ranA, ranB) = try await (a, b)
        #expect(ranA.count + ranB.count == 5)
        #expect(try await first.appliedMigrations()["m"] == 5)
    }

    @Test func backup_pointsToPgDump() async throws {
        let db = Database(engine: try open())
        await #expect { try await db.backup(to: "/tmp/never-written.dump") } throws: { ($0 as? StorageError)?.code == .unsupported }
        #expect(try await db.integrityCheck() == ["ok"])
        #expect(db.dialect == .postgres)
    }

    @Test func close_endsEveryConnectionOfTheEngine() async throws {
        let db = Database(engine: try open())
        let writer = try #require(try await db.write { try $0.scalar("SELECT pg_backend_pid()", as: Int.self) })
        let reader = try #require(try await db.read { try $0.scalar("SELECT pg_backend_pid()", as: Int.self) })
        let observer = try TestDatabase(engine: .postgres).open(clock: ManualClock())
        let alive = { @Sendable () async throws -> Int in
            try await observer.read { tx in
                try tx.scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE pid IN (CAST(? AS INTEGER), CAST(? AS INTEGER))", [writer, reader], as: Int.self) ?? 0
            }
        }
        #expect(try await alive() == 2)
        await db.close()
        // The server notices a closed connection on its own schedule: ask until it has, for at most five seconds.
        var remaining = try await alive()
        for _ in 0..<250 where remaining > 0 {
            try await Task.sleep(for: .milliseconds(20))
            remaining = try await alive()
        }
        #expect(remaining == 0)
    }
}

