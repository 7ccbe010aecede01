import Foundation
import Kernel
import Synchronization
import Testing
import TestSupport

/// The writer runs everything queued since its last commit as one transaction, each body in its own savepoint.
/// These tests hold the writer in a first body so that the next writes line up behind it, in a known order. They
/// run on the engine this run tests (SQLite, or PostgreSQL in the second pass of `scripts/test`).
@Suite(.databases) struct GroupCommitTests {
    let engine: EngineUnderTest
    let db: Database
    let observed = ObservedGroups()

    init() throws {
        engine = try EngineUnderTest()
        db = engine.database
        let observed = self.observed
        db.onCommit { events in observed.record(events) }
    }

    func migrate() async throws {
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER PRIMARY KEY)")])
    }

    /// Blocks the writer in a body of its own; the returned task ends once the gate opens and that body commits.
    func holdWriter(_ gate: ThreadGate) async -> Task<Void, any Error> {
        let held = Task { try await db.write { _ in gate.block() } }
        await gate.waitForArrivals()
        return held
    }

    /// Starts one write per body, each queued before the next starts, so the group runs them in this order.
    func queue(_ bodies: [@Sendable (Transaction) throws -> Void]) async -> [Task<Void, any Error>] {
        var tasks = [Task<Void, any Error>]()
        for body in bodies {
            let before = engine.queuedWrites()
            tasks.append(Task { try await db.write { try body($0) } })
            while engine.queuedWrites() == before { await Task.yield() }
        }
        return tasks
    }

    static func insert(_ x: Int, publishing: Bool = true) -> @Sendable (Transaction) throws -> Void {
        { tx in
            try tx.execute("INSERT INTO t VALUES (?)", [x])
            if publishing { try tx.publish(.ping(x)) }
        }
    }

    func rows() async throws -> [Int] {
        try await db.read { try $0.query("SELECT x FROM t ORDER BY x").map { try $0.get("x", as: Int.self) } }
    }

    @Test func write_inAGroup_aThrowingBodyRollsBackAloneAndOnlyItsCallerGetsTheError() async throws {
        try await migrate()
        let gate = ThreadGate()
        let held = await holdWriter(gate)
        let before = engine.statistics()
        let tasks = await queue([
            Self.insert(1),
            { tx in
                try Self.insert(2)(tx)
                throw TestFailure(message: "body 2 fails after writing")
            },
            Self.insert(3),
            Self.insert(4),
        ])
        gate.open()
        try await held.value

        #expect(await tasks[0].result.isSuccess)
        await #expect(throws: TestFailure.self) { try await tasks[1].value }
        #expect(await tasks[2].result.isSuccess)
        #expect(await tasks[3].result.isSuccess)
        #expect(try await rows() == [1, 3, 4])
        let published = try await db.read { try $0.query("SELECT payload FROM bus_events ORDER BY sequence").map { try $0.get("payload", as: String.self) } }
        #expect(published == [#"{"n":1}"#, #"{"n":3}"#, #"{"n":4}"#])
        // One commit for the held body, one for the group of four; the observers saw the group's events once.
        #expect(engine.statistics().commits - before.commits == 2)
        #expect(engine.statistics().writes - before.writes == 5)
        #expect(engine.statistics().failedWrites - before.failedWrites == 1)
        #expect(observed.groups.map { $0.map(\.payload) } == [published])
    }

    @Test func write_whenABodyEndsTheTransaction_earlierBodiesOfTheGroupFailAndLaterOnesCommit() async throws {
        try await migrate()
        let gate = ThreadGate()
        let held = await holdWriter(gate)
        let tasks = await queue([
            Self.insert(1),
            { tx in try tx.execute("ROLLBACK") },  // what SQLite does by itself on a full disk, as a lost connection does
            Self.insert(3),
        ])
        gate.open()
        try await held.value

        #expect(await !tasks[0].result.isSuccess)
        #expect(await !tasks[1].result.isSuccess)
        #expect(await tasks[2].result.isSuccess)
        #expect(try await rows() == [3])
        #expect(observed.groups.map { $0.map(\.payload) } == [[#"{"n":3}"#]])
    }

    @Test func write_returnsOnlyOnceItsGroupCommitted() async throws {
        try await migrate()
        let gate = ThreadGate()
        let held = await holdWriter(gate)
        let queued = await queue([Self.insert(1)])
        // The body has not run yet: nothing is visible, and the caller is still waiting.
        #expect(try await rows() == [])
        gate.open()
        try await held.value
        try await queued[0].value
        #expect(try await rows() == [1])
    }

    @Test func writeAheadOfCommit_handsBackTheResultWhileItsGroupIsOpen_andItsCommitOnceDurable() async throws {
        try await migrate()
        let gate = ThreadGate(), groupHolder = ThreadGate()
        let held = await holdWriter(gate)
        let before = engine.queuedWrites()
        let early = Task { try await db.writeAheadOfCommit { tx in try Self.insert(1, publishing: false)(tx); return "claimed" } }
        while engine.queuedWrites() == before { await Task.yield() }
        // A body after it in the same group keeps the group from committing until the test lets it.
        let after = await queue([{ _ in groupHolder.block() }])
        gate.open()
        try await held.value
        let (result, commit) = try await early.value
        #expect(result == "claimed")
        await groupHolder.waitForArrivals()
        #expect(try await rows() == [], "the group has not committed: a read still sees the commit before it")
        groupHolder.open()
        try await commit.durable()
        #expect(try await rows() == [1])
        try await after[0].value
    }

    @Test func writeAheadOfCommit_whenTheBodyThrows_throwsAndLeavesNothing() async throws {
        try await migrate()
        await #expect(throws: TestFailure.self) {
            _ = try await db.writeAheadOfCommit { tx -> Int in
                try Self.insert(1, publishing: false)(tx)
                throw TestFailure(message: "the claim fails")
            }
        }
        #expect(try await rows() == [])
    }

    @Test func read_whileTheWriterIsInsideABody_answersAtOnceFromTheLastCommit() async throws {
        try await migrate()
        try await db.write(Self.insert(1))
        let gate = ThreadGate()
        let writing = Task {
            try await db.write { tx in
                try Self.insert(2)(tx)
                gate.block()
            }
        }
        await gate.waitForArrivals()
        #expect(try await rows() == [1])
        gate.open()
        try await writing.value
        #expect(try await rows() == [1, 2])
    }

    @Test func read_keepsItsSnapshotWhileAWriteCommits() async throws {
        try await migrate()
        let gate = ThreadGate()
        let reading = Task {
            try await db.read { tx in
                let first = try tx.scalar("SELECT COUNT(*) FROM t", as: Int.self)
                gate.block()
                return (first, try tx.scalar("SELECT COUNT(*) FROM t", as: Int.self))
            }
        }
        await gate.waitForArrivals()
        try await db.write(Self.insert(1))  // commits while the read holds its snapshot
        gate.open()
        let (first, second) = try await reading.value
        #expect(first == 0 && second == 0)
        #expect(try await rows() == [1])
    }

    @Test func reads_runAtTheSameTimeOnSeparateConnections() async throws {
        try await migrate()
        let gate = ThreadGate()
        let reads = (0..<2).map { _ in Task { try await db.read { _ in gate.block() } } }
        await gate.waitForArrivals(2)  // both bodies are inside a read at once
        gate.open()
        for read in reads { try await read.value }
    }

    @Test func writer_runsBelowTheReadersPriority_soReadsGoFirstWhenTheCPUIsShort() async throws {
        let process = Self.niceness()
        let reader = try await db.read { _ in Self.niceness() }
        let writer = try await db.write { _ in Self.niceness() }
        #expect(reader == process)
        #expect(writer > process || process == 19)
    }

    /// The calling thread's nice value (on Linux each thread has its own).
    static func niceness() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
}

/// The event groups a commit observer was handed, in order.
final class ObservedGroups: Sendable {
    private let seen = Mutex<[[Event]]>([])

    func record(_ events: [Event]) { seen.withLock { $0.append(events) } }

    var groups: [[Event]] { seen.withLock { $0 } }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
