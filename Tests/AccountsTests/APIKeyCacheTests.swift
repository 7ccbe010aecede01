@testable import Accounts
import Kernel
import Testing

@Suite struct APIKeyCacheTests {
    let now = Timestamp(milliseconds: 1_790_000_000_000)
    let acmeLive = TenantScope(operatorID: "op_acme", mode: .live)
    let acmeTest = TenantScope(operatorID: "op_acme", mode: .test)

    func entry(_ scope: TenantScope, id: String, expiresAt: Timestamp? = nil) -> APIKeyCache.Entry {
        APIKeyCache.Entry(
            principal: KeyPrincipal(scope: scope, keyID: id, slug: "acme", masked: "tt_wl_acme_live_…abcd"),
            expiresAt: expiresAt, lastUseRecorded: now)
    }

    @Test func lookup_afterStore_hitsWithoutRecordingUseAgainWithinAMinute() {
        var cache = APIKeyCache()
        let hash = Digest.sha256("key one")
        guard case .miss(let generation) = cache.lookup(hash, now: now) else { Issue.record("an empty cache missed nothing"); return }
        let kept = cache.store(entry(acmeLive, id: "key_1"), hash: hash, loadedAt: generation)
        #expect(kept)
        #expect(cache.lookup(hash, now: now + .seconds(59)) == .hit(entry(acmeLive, id: "key_1").principal, recordUse: false))
        #expect(cache.lookup(hash, now: now + .seconds(60)) == .hit(entry(acmeLive, id: "key_1").principal, recordUse: true))
        #expect(cache.lookup(hash, now: now + .seconds(61)) == .hit(entry(acmeLive, id: "key_1").principal, recordUse: false))
    }

    @Test func lookup_atTheExpiryInstant_refusesAndForgetsTheKey() {
        var cache = APIKeyCache()
        let hash = Digest.sha256("rotated out")
        cache.store(entry(acmeLive, id: "key_old", expiresAt: now + .seconds(3600)), hash: hash, loadedAt: cache.generation)
        #expect(cache.lookup(hash, now: now + .milliseconds(3_599_999)) != .expired)
        #expect(cache.lookup(hash, now: now + .seconds(3600)) == .expired)
        #expect(cache.count == 0)
        #expect(cache.lookup(hash, now: now + .seconds(3600)) == .miss(generation: cache.generation), "the next use reads the database")
    }

    @Test func invalidate_scope_dropsOnlyThatOperatorsKeysInThatMode() {
        var cache = APIKeyCache()
        let live = Digest.sha256("live"), test = Digest.sha256("test")
        cache.store(entry(acmeLive, id: "key_live"), hash: live, loadedAt: cache.generation)
        cache.store(entry(acmeTest, id: "key_test"), hash: test, loadedAt: cache.generation)
        cache.invalidate(.scope(acmeLive))
        #expect(cache.lookup(live, now: now) == .miss(generation: cache.generation))
        #expect(cache.lookup(test, now: now) == .hit(entry(acmeTest, id: "key_test").principal, recordUse: false))
        cache.invalidate(.all)
        #expect(cache.count == 0)
    }

    @Test func store_ofALoadThatAnInvalidationOvertook_isNotKept() {
        var cache = APIKeyCache()
        let hash = Digest.sha256("racing")
        guard case .miss(let before) = cache.lookup(hash, now: now) else { Issue.record("expected a miss"); return }
        // The key is rotated while its row is being read: what was read may predate the rotation.
        cache.invalidate(.scope(acmeLive))
        let kept = cache.store(entry(acmeLive, id: "key_stale"), hash: hash, loadedAt: before)
        #expect(!kept)
        #expect(cache.lookup(hash, now: now) == .miss(generation: cache.generation))
    }

    @Test func store_beyondCapacity_startsAgainEmpty() {
        var cache = APIKeyCache()
        for i in 0..<APIKeyCache.capacity {
            cache.store(entry(acmeLive, id: "key_\(i)"), hash: Digest.sha256("key \(i)"), loadedAt: cache.generation)
        }
        #expect(cache.count == APIKeyCache.capacity)
        cache.store(entry(acmeLive, id: "key_next"), hash: Digest.sha256("key next"), loadedAt: cache.generation)
        #expect(cache.count == 1)
    }
}
