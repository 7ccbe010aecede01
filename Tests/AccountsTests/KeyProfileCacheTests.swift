@testable import Accounts
import Kernel
import Testing
import TestSupport

/// `GET /v1/wl/me`'s operator and key answered from memory, and every change that must still reach it: an
/// operator's update (here and from another process), a rotation, a recorded use; and never another tenant's key.
@Suite(.databases) struct KeyProfileCacheTests {
    /// Renames the operator behind Accounts' back (no invalidation), so only memory can still answer the old name.
    func renameBehindTheCache(_ f: AccountsFixture, _ id: String, to name: String, notifying: Bool = false) async throws {
        try await f.database.write { tx in
            try tx.execute("UPDATE operators SET name = ? WHERE id = ?", [name, id])
            if notifying { tx.notify(channel: Accounts.operatorsChannel, payload: id) }
        }
    }

    @Test func operatorAndKey_afterTheFirstRead_answersFromMemory() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        let (first, key) = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        #expect(key?.id == live.keyID)
        try await renameBehindTheCache(f, acme.operator.id, to: "Renamed")
        #expect(try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).0 == first)
        let test = try await f.principal(acme, .test)
        #expect(try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: test.keyID).0.name == "Renamed",
                "a key not read before is read from the database")
    }

    @Test func updateOperator_isAnsweredAtOnce() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        _ = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        let updated = try await f.accounts.updateOperator(acme.operator.id, OperatorUpdate(name: "Acme Capital", limits: ["requests_per_minute": 42]))
        let (answered, _) = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        #expect(answered == updated)
        #expect(answered.limits["requests_per_minute"] == 42)
    }

    @Test func aChangeReportedOnTheOperatorsChannel_dropsTheOperator() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        _ = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        let heard = NotificationRecorder(f.database, channel: Accounts.operatorsChannel)
        // What another replica's update does: the row changes and the change is broadcast with it.
        try await renameBehindTheCache(f, acme.operator.id, to: "Renamed elsewhere", notifying: true)
        await heard.wait(for: .message(acme.operator.id))
        #expect(try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).0.name == "Renamed elsewhere")
    }

    @Test func rotate_withGrace_theOldKeyShowsItsExpiryAtOnce() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        #expect(try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).1?.expiresAt == nil)
        _ = try await f.accounts.rotateKey(live.scope, mode: nil, grace: .seconds(600))
        let (_, key) = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        #expect(key?.expiresAt == f.clock.now() + .seconds(600))
    }

    @Test func aRecordedUse_isAnsweredWithItsTime() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        let firstUse = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).1?.lastUsedAt
        #expect(firstUse == f.clock.now())
        f.clock.advance(by: APIKeyCache.useInterval)
        _ = try await f.principal(acme, .live)
        #expect(try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).1?.lastUsedAt == f.clock.now())
    }

    @Test func anotherOperatorsKey_isNeverAnswered_evenWhenRemembered() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let globex = try await f.makeOperator("globex")
        let acmeKey = try await f.principal(acme, .live)
        _ = try await f.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: acmeKey.keyID)
        let (op, key) = try await f.accounts.operatorAndKey(operatorID: globex.operator.id, keyID: acmeKey.keyID)
        #expect(op.id == globex.operator.id)
        #expect(key == nil)
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite: one process per file"))
    func updateOperator_onOneReplica_isAnsweredByAnotherAsSoonAsItHears() async throws {
        let f = try await AccountsFixture()
        let other = try f.replica()
        let heard = NotificationRecorder(other.database, channel: Accounts.operatorsChannel)
        await heard.wait(for: .mayHaveMissed)
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        _ = try await other.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID)
        _ = try await f.accounts.updateOperator(acme.operator.id, OperatorUpdate(name: "Acme Capital"))
        await heard.wait(for: .message(acme.operator.id))
        #expect(try await other.accounts.operatorAndKey(operatorID: acme.operator.id, keyID: live.keyID).0.name == "Acme Capital")
    }
}
