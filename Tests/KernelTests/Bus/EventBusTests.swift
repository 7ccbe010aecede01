import Kernel
import Synchronization
import Testing
import TestSupport

@Suite(.databases) struct EventBusTests {
    let clock = ManualClock()
    let test = TestDatabase()

    /// Opens this test's database (again, for a restart).
    func openDatabase() async throws -> Database {
        let db = try test.open(clock: clock)
        try await db.migrate(RecordingHandler.migrations)
        return db
    }

    func startBus(_ db: Database, _ handlers: [RecordingHandler]) async -> EventBus {
        let bus = EventBus(database: db, backoff: RetryBackoff(base: .seconds(1), cap: .seconds(8)))
        for handler in handlers { await bus.subscribe(handler) }
        await bus.start()
        return bus
    }

    @Test func publish_deliversEveryEventToEverySubscriberInOrder() async throws {
        let db = try await openDatabase()
        let a = RecordingHandler(name: "a"), b = RecordingHandler(name: "b"), c = RecordingHandler(name: "c")
        let bus = await startBus(db, [a, b, c])
        var published = [String]()
        for i in 0..<500 { published.append(try await bus.publish(.ping(i)).id) }
        try await bus.drain()
        #expect(a.eventIDs == published)
        #expect(b.eventIDs == published)
        #expect(c.eventIDs == published)
        #expect(try a.events.map { try $0.decode(Ping.self).n } == Array(0..<500))
        await bus.stop()
    }

    @Test func publish_insideAWriteCommitsWithTheStateChange() async throws {
        let db = try await openDatabase()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE users(id TEXT)")])
        let handler = RecordingHandler(name: "h")
        let bus = await startBus(db, [handler])
        let event = try await db.write { tx in
            try tx.execute("INSERT INTO users VALUES ('usr_1')")
            return try tx.publish(.ping(1, type: "user.created"))
        }
        try await bus.drain()
        #expect(handler.eventIDs == [event.id])
        #expect(event.id.hasPrefix("evt_"))
        #expect(event.occurredAt == clock.now())
        await bus.stop()
    }

    @Test func subscriber_onlyReceivesTypesItAccepts_butMovesPastOthers() async throws {
        let db = try await openDatabase()
        let handler = RecordingHandler(name: "picky", types: ["wanted"])
        let bus = await startBus(db, [handler])
        try await bus.publish(.ping(1, type: "other"))
        let wanted = try await bus.publish(.ping(2, type: "wanted"))
        try await bus.publish(.ping(3, type: "other"))
        try await bus.drain()
        #expect(handler.eventIDs == [wanted.id])
        #expect(try await bus.status().first?.lag == 0)
        await bus.stop()
    }

    @Test func subscriber_afterCrashMidBatch_resumesFromCheckpointWithoutLossOrDuplicateEffects() async throws {
        var published = [String]()
        do {
            let db = try await openDatabase()
            let first = RecordingHandler(name: "durable")
            let bus = await startBus(db, [first])
            for i in 0..<5 { published.append(try await bus.publish(.ping(i)).id) }
            try await bus.drain()
            await bus.stop()
            // The subscriber is "down" while more events commit; its next batch fails half-way (a crash).
            for i in 5..<10 { published.append(try await bus.publish(.ping(i)).id) }
        }
        let db = try await openDatabase()
        let crashing = RecordingHandler(name: "durable", failingOnce: [published[7]])
        let bus = await startBus(db, [crashing])
        while try await bus.status()[0].consecutiveFailures == 0 { await Task.yield() }
        #expect(crashing.eventIDs.isEmpty)
        clock.advance(by: .seconds(1))
        try await bus.drain()
        #expect(crashing.eventIDs == Array(published[5...]))
        let effects = try await db.read { try $0.query("SELECT event_id FROM recorded WHERE subscriber = 'durable' ORDER BY sequence") }
        #expect(try effects.map { try $0.get("event_id", as: String.self) } == published)
        await bus.stop()
    }

    @Test func blockedSubscriber_doesNotDelayAnother() async throws {
        let db = try await openDatabase()
        let gate = Gate()
        let blocked = RecordingHandler(name: "blocked", block: { await gate.wait() })
        let free = RecordingHandler(name: "free")
        let bus = await startBus(db, [blocked, free])
        var published = [String]()
        for i in 0..<50 { published.append(try await bus.publish(.ping(i)).id) }
        try await bus.drain(["free"])
        #expect(free.eventIDs == published)
        #expect(blocked.eventIDs.isEmpty)
        await gate.open()
        try await bus.drain()
        #expect(blocked.eventIDs == published)
        await bus.stop()
    }

    @Test func failingSubscriber_isRetriedWithBackoffAndReported() async throws {
        let db = try await openDatabase()
        let event = try await db.write { try $0.publish(.ping(1)) }
        let handler = RecordingHandler(name: "flaky", failingOnce: [event.id])
        let bus = await startBus(db, [handler])
        while clock.sleeperCount == 0 { await Task.yield() }
        let status = try await bus.status()[0]
        #expect(status.consecutiveFailures == 1)
        #expect(status.lastError?.contains("injected failure") == true)
        #expect(status.lag == 1)
        clock.advance(by: .seconds(1))
        try await bus.drain()
        #expect(handler.eventIDs == [event.id])
        #expect(try await bus.status()[0].totalFailures == 1)
        #expect(try await bus.status()[0].consecutiveFailures == 0)
        await bus.stop()
    }

    /// A service waiting on `drain` (the roll-up scheduler) must stop when cancelled, even while a subscriber is
    /// stuck in back-off: otherwise shutdown hangs.
    @Test func drain_whenCancelledWhileASubscriberIsInBackoff_throwsCancellation() async throws {
        let db = try await openDatabase()
        let event = try await db.write { try $0.publish(.ping(1)) }
        let bus = await startBus(db, [RecordingHandler(name: "flaky", failingOnce: [event.id])])
        while clock.sleeperCount == 0 { await Task.yield() }
        let waiting = Task { try await bus.drain() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        clock.advance(by: .seconds(1))
        try await bus.drain()
        await bus.stop()
    }

    @Test func prune_keepsEventsASubscriberStillNeedsOrThatAreRecent() async throws {
        let db = try await openDatabase()
        let fast = RecordingHandler(name: "fast")
        let bus = await startBus(db, [fast])
        for i in 0..<3 { try await bus.publish(.ping(i)) }
        try await bus.drain()
        #expect(try await bus.prune() == 0)
        clock.advance(by: .seconds(31 * 86_400))
        let recent = try await bus.publish(.ping(99))
        try await bus.drain()
        #expect(try await bus.prune() == 3)
        let left = try await db.read { try $0.query("SELECT id FROM bus_events") }
        #expect(try left.map { try $0.get("id", as: String.self) } == [recent.id])
        // The sequence keeps growing after a prune.
        let next = try await bus.publish(.ping(100))
        #expect(next.sequence == recent.sequence + 1)
        await bus.stop()
    }

    @Test func status_afterEveryEventWasPruned_stillKnowsTheHead() async throws {
        let db = try await openDatabase()
        let handler = RecordingHandler(name: "only")
        let bus = await startBus(db, [handler])
        for i in 0..<3 { try await bus.publish(.ping(i)) }
        try await bus.drain()
        clock.advance(by: .seconds(31 * 86_400))
        #expect(try await bus.prune() == 3)
        #expect(try await db.read { try $0.scalar("SELECT COUNT(*) FROM bus_events", as: Int.self) } == 0)
        #expect(try await bus.status().map(\.lag) == [0])
        try await bus.drain()  // returns: nothing is pending
        let next = try await bus.publish(.ping(3))
        #expect(next.sequence == 4)
        try await bus.drain()
        #expect(try await bus.status().map(\.checkpoint) == [4])
        await bus.stop()
    }

    @Test func tenantSequence_countsEachTenantAndModeOnItsOwn_inCommitOrder_andOutlivesPruning() async throws {
        let db = try await openDatabase()
        let handler = RecordingHandler(name: "h")
        let bus = await startBus(db, [handler])
        var seen = [String: [Int64]]()
        for (i, tenant) in ["op_a", "op_b", "op_a", "op_a", "op_b"].enumerated() {
            seen[tenant, default: []].append(try await bus.publish(.ping(i, tenant: tenant)).tenantSequence)
        }
        let live = try await bus.publish(NewEvent(type: "test.ping", tenant: "op_a", mode: .live, payload: Ping(n: 9)))
        #expect(seen == ["op_a": [1, 2, 3], "op_b": [1, 2]])
        #expect(live.tenantSequence == 1, "live and test count apart")
        try await bus.drain()
        #expect(handler.events.map(\.tenantSequence) == [1, 1, 2, 3, 2, 1], "subscribers read what the publisher got")
        clock.advance(by: .seconds(31 * 86_400))
        try await bus.publish(.ping(10, tenant: "op_c"))
        try await bus.drain()
        #expect(try await bus.prune() == 6)
        #expect(try await bus.publish(.ping(11, tenant: "op_a")).tenantSequence == 4, "never reused after a prune")
        await bus.stop()
    }

    @Test func backoff_growsExponentiallyAndIsCapped() {
        let backoff = RetryBackoff(base: .milliseconds(100), cap: .seconds(1))
        #expect((1...6).map { backoff.delay(afterFailures: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
        ])
    }
}

/// A one-shot gate tests open to release a blocked task.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
