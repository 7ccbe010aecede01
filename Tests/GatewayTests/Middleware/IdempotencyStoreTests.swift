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
        guard case .claimed = try await store.claim(scope: "op_1/live", key: "k-1", fingerprint: [1, 2, 3]) else {
            Issue.record("a fresh key is claimed")
            return
        }
        // What a claim whose group failed to commit leaves: no row.
        try await database.write { tx in try tx.execute("DELETE FROM idempotency_keys") }
        await #expect(throws: StorageError.self) {
            try await store.complete(scope: "op_1/live", key: "k-1", response: HTTPResponse(status: 201), keeping: [])
        }
    }
}
