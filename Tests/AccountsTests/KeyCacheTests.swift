@testable import Accounts
import Kernel
import Testing
import TestSupport

/// Authentication answered from memory, and everything that must still reach it: rotation, revocation, expiry by
/// time, and a change reported from elsewhere.
@Suite(.databases) struct KeyCacheTests {
    /// Removes the key rows behind Accounts' back, so only memory can still answer for them.
    func deleteKeyRows(_ f: AccountsFixture) async throws {
        try await f.database.write { tx in try tx.execute("DELETE FROM api_keys") }
    }

    @Test func authenticate_afterTheFirstUse_answersFromMemoryWithoutReadingTheDatabase() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let first = try await f.principal(acme, .live)
        try await deleteKeyRows(f)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == first)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.test]!) == nil, "a key never seen is read, and it is gone")
    }

    @Test func invalidateKeys_forAScope_makesTheNextUseReadTheDatabase() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        _ = try await f.principal(acme, .live)
        _ = try await f.principal(acme, .test)
        try await deleteKeyRows(f)
        // What a notification from another server would do after it revoked the live keys.
        f.accounts.invalidateKeys(.scope(TenantScope(operatorID: acme.operator.id, mode: .live)))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == nil)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.test]!) != nil, "the other mode stays cached")
    }

    @Test func rotate_withGrace_aCachedOldKeyFailsTheMillisecondItsGraceEnds() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let principal = try await f.principal(acme, .live)
        _ = try await f.accounts.rotateKey(principal.scope, mode: nil, grace: .seconds(600))
        // The rotation's broadcast reaches this process too (at once on SQLite, through the listener on PostgreSQL).
        await f.keyChanges.wait(for: .message("\(principal.scope.operatorID) live"))
        let inGrace = try #require(await f.accounts.authenticate(apiKey: acme.keys[.live]!))
        #expect(inGrace.keyID == principal.keyID)
        #expect(inGrace.expiresAt == f.clock.now() + .seconds(600), "cached again, with its expiry")
        try await deleteKeyRows(f)
        f.clock.advance(by: .milliseconds(599_999))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == inGrace, "still in grace: answered from memory")
        f.clock.advance(by: .milliseconds(1))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == nil, "grace over: refused by time alone")
    }

    @Test func rotate_withZeroGrace_revokesACachedKeyAtOnce() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live)
        _ = try await f.principal(acme, .test)
        let issued = try await f.accounts.rotateKey(live.scope, mode: nil, grace: .zero)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == nil)
        #expect(await f.accounts.authenticate(apiKey: issued.secret)?.scope == live.scope)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.test]!) != nil)
    }

    @Test func invalidateKeys_afterAnExpiryChangedElsewhere_honoursTheNewExpiryToTheMillisecond() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let principal = try await f.principal(acme, .live)
        let expiry = f.clock.now() + .seconds(30)
        // Another server rotated the key with a 30 s grace and told us.
        try await f.database.write { tx in try tx.execute("UPDATE api_keys SET expires_at = ? WHERE id = ?", [expiry, principal.keyID]) }
        f.accounts.invalidateKeys(.all)
        let reloaded = try #require(await f.accounts.authenticate(apiKey: acme.keys[.live]!))
        #expect(reloaded.keyID == principal.keyID)
        #expect(reloaded.expiresAt == expiry)
        f.clock.advance(by: .seconds(30))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == nil)
    }

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite: one process per file"))
    func rotate_onOneReplica_revokesTheKeyCachedByAnotherAsSoonAsItHears() async throws {
        let f = try await AccountsFixture()
        let other = try f.replica()
        let heard = NotificationRecorder(other.database, channel: Accounts.keysChannel)
        await heard.wait(for: .mayHaveMissed)
        let acme = try await f.makeOperator()
        let live = try #require(await other.accounts.authenticate(apiKey: acme.keys[.live]!))
        _ = await other.accounts.authenticate(apiKey: acme.keys[.test]!)
        try await deleteKeyRows(f)
        #expect(await other.accounts.authenticate(apiKey: acme.keys[.live]!) == live, "cached: answered from memory")
        _ = try await f.accounts.rotateKey(live.scope, mode: nil, grace: .zero)
        await heard.wait(for: .message("\(acme.operator.id) live"))
        #expect(await other.accounts.authenticate(apiKey: acme.keys[.live]!) == nil)
        #expect(await other.accounts.authenticate(apiKey: acme.keys[.test]!) != nil, "the other mode stays cached")
    }
}
