@testable import Kernel
import Synchronization
import Testing
import TestSupport

/// The bus with several processes on one database: each test opens its ``TestDatabase`` more than once, one
/// `Database` per replica.
@Suite(.databases) struct ReplicaBusTests {
    let clock = ManualClock()
    let test = TestDatabase()

    func openReplica() async throws -> Database {
        let db = try test.open(clock: clock)
        try await db.migrate(RecordingHandler.migrations)
        return db
    }

    func startBus(_ db: Database, _ handler: RecordingHandler) async -> EventBus {
        let bus = EventBus(database: db)
        await bus.subscribe(handler)
        await bus.start()
        return bus
    }

    func recordedSequences(_ db: Database) async throws -> [Int64] {
        try await db.read { tx in try tx.query("SELECT sequence FROM recorded ORDER BY sequence").map { try $0.get("sequence", as: Int64.self) } }
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "PostgreSQL hands out sequence numbers at insert, not at commit"))
    func outbox_whenAnEarlierEventsTransactionIsStillOpen_subscriberSkipsNeither() async throws {
        let a = try await openReplica(), b = try await openReplica(), observer = try await openReplica()
        let handler = RecordingHandler(name: "h")
        let bus = await startBus(observer, handler)
        let gate = ThreadGate()
        let first = Task { try await a.write { tx in
            let event = try tx.publish(.ping(1))
            gate.block()
            return event
        } }
        await gate.waitForArrivals()
        let secondDone = Atomic(false)
        let second = Task {
            let event = try await b.write { tx in try tx.publish(.ping(2)) }
            secondDone.store(true, ordering: .sequentiallyConsistent)
            return event
        }
        // Replica B's write has committed (what a consumer must never see first) or waits for the write lock.
        let lock = PostgresCluster(schema: test.settings.schema).writeLock
        while true {
            let waiting = try await observer.read { tx in
                try tx.scalar(
                    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND CAST(classid AS BIGINT) = ? AND CAST(objid AS BIGINT) = ?",
                    [Int64(UInt64(bitPattern: lock) >> 32), Int64(UInt64(bitPattern: lock) & 0xFFFF_FFFF)], as: Int.self) ?? 0
            }
            if waiting > 0 || secondDone.load(ordering: .sequentiallyConsistent) { break }
        }
        try await bus.drain()
        gate.open()
        let events = [try await first.value, try await second.value]
        try await bus.drain()
        #expect(handler.eventIDs == events.map(\.id))
        #expect(events[0].sequence < events[1].sequence)
        #expect(events[0].tenantSequence < events[1].tenantSequence)
        await bus.stop()
    }

    @Test func publish_fromTwoReplicasAtOnce_subscriberSeesEveryEventOnceInSequenceOrder() async throws {
        let a = try await openReplica(), b = try await openReplica()
        let handler = RecordingHandler(name: "h")
        let bus = await startBus(a, handler)
        let published = try await withThrowingTaskGroup(of: Event.self) { group in
            for n in 0..<200 {
                let replica = n.isMultiple(of: 2) ? a : b
                group.addTask { try await replica.write { tx in try tx.publish(.ping(n, tenant: "op_\(n % 3)")) } }
            }
            return try await group.reduce(into: [Event]()) { $0.append($1) }
        }
        try await bus.drain()
        let seen = handler.events
        #expect(seen.map(\.sequence) == published.map(\.sequence).sorted())
        #expect(Set(seen.map(\.id)) == Set(published.map(\.id)))
        for tenant in 0..<3 {
            let ofTenant = seen.filter { $0.tenant == "op_\(tenant)" }.map(\.tenantSequence)
            #expect(ofTenant == Array(1...Int64(ofTenant.count)), "tenant sequences follow the outbox order")
        }
        await bus.stop()
    }

    @Test func subscriber_onTwoReplicas_appliesEveryEventExactlyOnce() async throws {
        let a = try await openReplica(), b = try await openReplica()
        let onA = RecordingHandler(name: "h"), onB = RecordingHandler(name: "h")
        let busA = await startBus(a, onA), busB = await startBus(b, onB)
        for n in 0..<100 { try await (n.isMultiple(of: 2) ? busA : busB).publish(.ping(n)) }
        let head = try await a.read { try Outbox.head($0) }
        // SQLite grants both the lease (one process per file): the checkpoint's compare-and-set stops the runner that
        // loses a race, which retries after the lease interval. PostgreSQL runs the subscriber on one of the two.
        try await clock.advancingLeaseRetries {
            while try await a.read({ try Outbox.checkpoint("h", $0) }) < head { await Task.yield() }
        }
        #expect(try await recordedSequences(a) == Array(1...head))
        #expect(onA.events.count + onB.events.count == 100)
        await busA.stop()
        await busB.stop()
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite grants every lease: one process per file"))
    func subscriber_whenTheLeaseholderCloses_anotherReplicaContinuesFromTheCheckpoint() async throws {
        let a = try await openReplica(), b = try await openReplica()
        let onA = RecordingHandler(name: "h"), onB = RecordingHandler(name: "h")
        let busA = await startBus(a, onA)
        try await busA.publish(.ping(0))
        try await busA.drain()
        let busB = await startBus(b, onB)
        for n in 1...6 { try await (n.isMultiple(of: 2) ? busA : busB).publish(.ping(n)) }
        try await busA.drain()
        #expect(try onA.events.map { try $0.decode(Ping.self).n } == Array(0...6))
        #expect(onB.events.isEmpty, "only the leaseholder runs the subscriber")

        await a.close()
        let later = [try await busB.publish(.ping(7)), try await busB.publish(.ping(8))]
        try await clock.advancingLeaseRetries { try await busB.drain() }
        #expect(onB.eventIDs == later.map(\.id))
        #expect(try await recordedSequences(b) == Array(1...later[1].sequence))
        await busA.stop()
        await busB.stop()
    }

    @Test func checkpoint_movesOnlyFromWhereTheBatchStarted() async throws {
        let db = try await openReplica()
        try await db.write { tx in try Outbox.moveCheckpoint("h", from: 0, to: 5, tx) }
        await #expect { try await db.write { tx in try Outbox.moveCheckpoint("h", from: 0, to: 3, tx) } } throws: { error in
            (error as? StorageError)?.code == .checkpointMoved
        }
        try await db.write { tx in try Outbox.moveCheckpoint("h", from: 5, to: 7, tx) }
        #expect(try await db.read { try Outbox.checkpoint("h", $0) } == 7)
    }
}
