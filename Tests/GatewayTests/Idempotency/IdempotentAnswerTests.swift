@testable import Gateway
import HTTPServer
import Kernel
import Testing
import TestSupport

/// An idempotent answer stored by the route inside its own write: it commits with that write's work or not at all.
@Suite(.databases) struct IdempotentAnswerTests {
    let scope = "op_1/live"
    let sealer = StoredAnswerSealer(masterKey: .generate())

    func claimed(_ key: String) async throws -> (IdempotencyStore, IdempotentAnswer) {
        let database = try TestDatabase().open(clock: ManualClock())
        try await database.migrate(GatewaySchema.migrations)
        try await database.write { tx in try tx.execute("CREATE TABLE work(id TEXT PRIMARY KEY)") }
        let store = IdempotencyStore(database: database)
        guard case .claimed(let token) = try await store.claim(scope: scope, key: key, fingerprint: [1]) else {
            throw StorageError(.engine, "a fresh key is claimed")
        }
        return (store, IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, hold: .claimed(token: token), credential: "sk_1"))
    }

    /// A key nobody claimed, as the middleware holds it for a route that answers in its own write.
    func unclaimed(_ key: String) async throws -> (IdempotencyStore, IdempotentAnswer) {
        let database = try TestDatabase().open(clock: ManualClock())
        try await database.migrate(GatewaySchema.migrations)
        try await database.write { tx in try tx.execute("CREATE TABLE work(id TEXT PRIMARY KEY)") }
        let store = IdempotencyStore(database: database)
        return (store, IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, hold: .unclaimed(fingerprint: [1]), credential: "sk_1"))
    }

    static let answer = HTTPResponse(status: 201, headers: ["Content-Type": "application/json", "X-Other": "1"], body: Array(#"{"id":"w_1"}"#.utf8))

    @Test func recorded_inAWriteThatCommits_isReplayedByteForByte_withTheWritesWork() async throws {
        let (store, answer) = try await claimed("k-1")
        try await store.database.write { tx in
            try tx.execute("INSERT INTO work(id) VALUES ('w_1')")
            try answer.record(Self.answer, in: tx)
        }
        #expect(answer.recordedResponse?.body == Self.answer.body)
        guard case .replay(let stored) = try await store.claim(scope: scope, key: "k-1", fingerprint: [1]) else {
            Issue.record("the answer is stored")
            return
        }
        #expect(stored.status == 201 && stored.headers["Content-Type"] == "application/json" && stored.headers["X-Other"] == nil)
        #expect(sealer.open(stored.body, scope: scope, key: "k-1", credential: "sk_1") == Self.answer.body)
        #expect(try await store.database.read { tx in try tx.scalar("SELECT COUNT(*) FROM work", as: Int.self) } == 1)
    }

    @Test func recorded_inAWriteThatFailsAfterwards_leavesNeitherTheWorkNorTheAnswer_andTheKeyStaysClaimed() async throws {
        let (store, answer) = try await claimed("k-2")
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.database.write { tx in
                try tx.execute("INSERT INTO work(id) VALUES ('w_2')")
                try answer.record(Self.answer, in: tx)
                throw Refused()
            }
        }
        #expect(try await store.database.read { tx in try tx.scalar("SELECT COUNT(*) FROM work", as: Int.self) } == 0)
        #expect(try await store.claim(scope: scope, key: "k-2", fingerprint: [1]).outcome == "in progress", "still this request's, with no answer")
        try await answer.store(HTTPResponse(status: 409))
        #expect(try await store.claim(scope: scope, key: "k-2", fingerprint: [1]).outcome == "replay", "the middleware stores the error answer instead")
    }

    @Test func recorded_afterTheClaimWasLost_throws_andTheWritesWorkIsRolledBack() async throws {
        let (store, answer) = try await claimed("k-3")
        try await store.database.write { tx in try tx.execute("DELETE FROM idempotency_keys") }
        await #expect(throws: StorageError.self) {
            try await store.database.write { tx in
                try tx.execute("INSERT INTO work(id) VALUES ('w_3')")
                try answer.record(Self.answer, in: tx)
            }
        }
        #expect(try await store.database.read { tx in try tx.scalar("SELECT COUNT(*) FROM work", as: Int.self) } == 0)
    }

    @Test func unclaimed_recordedInAWriteThatCommits_isTheKeysAnswer_andADifferentRequestIsAMismatch() async throws {
        let (store, answer) = try await unclaimed("u-1")
        try await store.database.write { tx in
            try tx.execute("INSERT INTO work(id) VALUES ('w_1')")
            try answer.record(Self.answer, in: tx)
        }
        guard case .replay(let stored) = try await store.claim(scope: scope, key: "u-1", fingerprint: [1]) else {
            Issue.record("the answer is stored")
            return
        }
        #expect(sealer.open(stored.body, scope: scope, key: "u-1", credential: "sk_1") == Self.answer.body)
        #expect(try await store.claim(scope: scope, key: "u-1", fingerprint: [2]).outcome == "mismatch", "stored with its fingerprint")
    }

    @Test func unclaimed_whenAnotherRequestGotTheKeyFirst_throwsKeyTaken_andTheWritesWorkIsRolledBack() async throws {
        let (store, answer) = try await unclaimed("u-2")
        let (_, rival) = (store, IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: "u-2", hold: .unclaimed(fingerprint: [1]), credential: "sk_1"))
        try await store.database.write { tx in try rival.record(Self.answer, in: tx) }
        await #expect(throws: IdempotencyKeyTaken.self) {
            try await store.database.write { tx in
                try tx.execute("INSERT INTO work(id) VALUES ('w_2')")
                try answer.record(HTTPResponse(status: 201, body: Array("second".utf8)), in: tx)
            }
        }
        #expect(try await store.database.read { tx in try tx.scalar("SELECT COUNT(*) FROM work", as: Int.self) } == 0)
        #expect(answer.recordedResponse == nil)
        _ = try await store.claim(scope: scope, key: "u-3", fingerprint: [1])
        let claimedElsewhere = IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: "u-3", hold: .unclaimed(fingerprint: [1]), credential: "sk_1")
        await #expect(throws: IdempotencyKeyTaken.self, "a key another request still runs is taken too") {
            try await claimedElsewhere.store(Self.answer)
        }
    }
}
