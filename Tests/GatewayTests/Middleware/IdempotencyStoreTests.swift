import Foundation
@testable import Gateway
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct IdempotencyStoreTests {
    @Test func complete_whenTheClaimWasLost_throwsRatherThanAcknowledgeAnAnswerItDidNotStore() async throws {
        let database = try TestDatabase().open(clock: ManualClock())
        try await database.migrate(GatewaySchema.migrations)
        let store = IdempotencyStore(database: database)
        guard case .claimed(let token) = try await store.claim(scope: "op_1/live", key: "k-1", fingerprint: [1, 2, 3]) else {
            Issue.record("a fresh key is claimed")
            return
        }
        // What a claim whose group failed to commit leaves: no row.
        try await database.write { tx in try tx.execute("DELETE FROM idempotency_keys") }
        await #expect(throws: StorageError.self) {
            try await store.database.write { tx in try IdempotencyStore.complete(scope: "op_1/live", key: "k-1", token: token, response: HTTPResponse(status: 201), keeping: [], tx) }
        }
    }
}

/// Running claims across replicas: leased, renewed by their request's replica, taken over only once they lapse.
@Suite(.databases) struct IdempotencyClaimLeaseTests {
    let clock = ManualClock()
    let scope = "op_1/live"

    func store() async throws -> IdempotencyStore {
        let database = try TestDatabase().open(clock: clock)
        try await database.migrate(GatewaySchema.migrations)
        return IdempotencyStore(database: database)
    }

    @Test func aClaimWhoseReplicaStillRenewsIt_isNeverTakenOver_andOneThatLapsed_isTakenOverByTheSameRequestOnly() async throws {
        let store = try await store()
        guard case .claimed(let first) = try await store.claim(scope: scope, key: "k", fingerprint: [1]) else { Issue.record("a fresh key is claimed"); return }
        clock.advance(by: IdempotencyStore.claimLease - .seconds(1))
        #expect(try await store.claim(scope: scope, key: "k", fingerprint: [1]).outcome == "in progress")
        #expect(try await store.renew(scope: scope, key: "k", token: first))
        clock.advance(by: IdempotencyStore.claimLease - .seconds(1))
        #expect(try await store.claim(scope: scope, key: "k", fingerprint: [1]).outcome == "in progress", "renewed a second less than a lease ago: its replica is alive")
        clock.advance(by: .seconds(1))
        #expect(try await store.claim(scope: scope, key: "k", fingerprint: [2]).outcome == "mismatch", "another request never takes the key")
        guard case .claimed(let second) = try await store.claim(scope: scope, key: "k", fingerprint: [1]) else { Issue.record("the lapsed claim is taken over"); return }
        #expect(second != first)
        #expect(!(try await store.renew(scope: scope, key: "k", token: first)), "the first holder learns it lost the key")
        try await store.release(scope: scope, key: "k", token: first)
        await #expect(throws: StorageError.self) {
            try await store.database.write { tx in try IdempotencyStore.complete(scope: scope, key: "k", token: first, response: HTTPResponse(status: 201), keeping: [], tx) }
        }
        try await store.database.write { tx in try IdempotencyStore.complete(scope: scope, key: "k", token: second, response: HTTPResponse(status: 201), keeping: [], tx) }
        guard case .replay(let answer) = try await store.claim(scope: scope, key: "k", fingerprint: [1]) else { Issue.record("the answer is stored"); return }
        #expect(answer.status == 201)
    }
}

extension IdempotencyClaimLeaseTests {
    @Test func whileItsRequestRuns_theReplicaRenewsTheClaim_andOnceItStops_theClaimLapses() async throws {
        let store = try await store()
        guard case .claimed(let token) = try await store.claim(scope: scope, key: "slow", fingerprint: [1]) else { Issue.record("a fresh key is claimed"); return }
        let renewing = Task { await store.keepRenewing(scope: scope, key: "slow", token: token) }
        for _ in 0..<3 {
            while clock.sleeperCount == 0 { await Task.yield() }
            clock.advance(by: IdempotencyStore.claimLease / 3)
        }
        while clock.sleeperCount == 0 { await Task.yield() }
        #expect(try await store.claim(scope: scope, key: "slow", fingerprint: [1]).outcome == "in progress", "a whole lease on, renewed at each third of it")
        renewing.cancel()
        clock.advance(by: IdempotencyStore.claimLease)
        #expect(try await store.claim(scope: scope, key: "slow", fingerprint: [1]).outcome == "claimed", "no renewal for a lease: its replica is gone")
    }
}

extension IdempotencyStore.Claim {
    /// The outcome's name, for expectations.
    var outcome: String {
        switch self {
        case .claimed: "claimed"
        case .inProgress: "in progress"
        case .mismatch: "mismatch"
        case .replay: "replay"
        }
    }
}
