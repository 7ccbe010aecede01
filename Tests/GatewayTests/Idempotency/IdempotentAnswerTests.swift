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
        return (store, IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, token: token, credential: "sk_1"))
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
}
