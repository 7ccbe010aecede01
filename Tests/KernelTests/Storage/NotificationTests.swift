import Kernel
import Synchronization
import Testing
import TestSupport

/// Broadcasts after commit (``Transaction/notify(channel:payload:)``): delivered once committed, never for a rollback,
/// and, on PostgreSQL, to every replica.
@Suite(.databases) struct NotificationTests {
    let clock = ManualClock()
    let test = TestDatabase()

    @Test func notify_reachesTheSendersHandlersOnceCommitted_andNeverForARolledBackBody() async throws {
        let db = try test.open(clock: clock)
        let recorder = NotificationRecorder(db, channel: "t.things")
        let received = Mutex([String]())
        db.onNotification("t.things") { if case .message(let payload) = $0 { received.withLock { $0.append(payload) } } }
        await #expect(throws: TestFailure.self) {
            try await db.write { tx in
                tx.notify(channel: "t.things", payload: "rolled back")
                throw TestFailure(message: "no")
            }
        }
        try await db.write { tx in
            tx.notify(channel: "t.things", payload: "one")
            tx.notify(channel: "t.things", payload: "one")
            tx.notify(channel: "t.other", payload: "elsewhere")
        }
        try await db.write { tx in tx.notify(channel: "t.things", payload: "two") }
        await recorder.wait(for: .message("two"))
        #expect(received.withLock { $0 } == ["one", "two"])
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite: one process per file, nobody else to tell"))
    func notify_onOneReplica_reachesEveryReplica() async throws {
        let a = try test.open(clock: clock), b = try test.open(clock: clock)
        let onA = NotificationRecorder(a, channel: "t.things"), onB = NotificationRecorder(b, channel: "t.things")
        // Each listener reports that it (re)started listening before anything sent from then on can reach it.
        await onA.wait(for: .mayHaveMissed)
        await onB.wait(for: .mayHaveMissed)
        try await a.write { tx in tx.notify(channel: "t.things", payload: "from a") }
        await onB.wait(for: .message("from a"))
        await onA.wait(for: .message("from a"))
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite grants every lease: one process per file"))
    func lease_isHeldByOneReplicaAtATime_andTakenOverWhenTheHolderCloses() async throws {
        let a = try test.open(clock: clock), b = try test.open(clock: clock)
        let holders = Holders()
        let (started, starts) = AsyncStream.makeStream(of: String.self)
        let hold = { @Sendable (db: Database, name: String) in
            Task {
                await db.whileHolding(lease: "t.loop") {
                    holders.names.withLock { $0.append(name) }
                    starts.yield(name)
                    await waitUntilCancelled()
                }
            }
        }
        var iterator = started.makeAsyncIterator()
        let onA = hold(a, "a")
        #expect(await iterator.next() == "a")
        let onB = hold(b, "b")
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: Database.leaseRetryInterval)
        while clock.sleeperCount == 0 { await Task.yield() }
        #expect(holders.names.withLock { $0 } == ["a"], "b tried again and was refused")
        await a.close()
        // PostgreSQL frees the closed session's lock a moment later: b keeps trying until it has it.
        try await clock.advancingLeaseRetries {
            while !holders.names.withLock({ $0.contains("b") }) { await Task.yield() }
        }
        #expect(holders.names.withLock { $0 } == ["a", "b"])
        onA.cancel()
        onB.cancel()
    }
}

/// Who held the lease, in order.
private final class Holders: Sendable {
    let names = Mutex([String]())
}
