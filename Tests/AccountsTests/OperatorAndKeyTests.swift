@testable import Accounts
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct OperatorAndKeyTests {
    @Test func createOperator_returnsBothKeysInTheDocumentedFormatAndDefaultPlans() async throws {
        let f = try await AccountsFixture()
        let created = try await f.makeOperator("acme")
        #expect(created.operator.id.hasPrefix("op_"))
        #expect(created.keys[.live]!.hasPrefix("tt_wl_acme_live_"))
        #expect(created.keys[.test]!.hasPrefix("tt_wl_acme_test_"))
        #expect(created.keys[.live]!.count == "tt_wl_acme_live_".count + 40)
        for mode in Mode.allCases {
            let plans = try await f.accounts.listPlans(TenantScope(operatorID: created.operator.id, mode: mode))
            #expect(plans.count == 1 && plans[0].isDefault && plans[0].livemode == (mode == .live))
        }
        #expect(try await f.events(AccountsEvent.operatorCreated).count == 1)
        let stored = try await f.database.read { try $0.query("SELECT hash FROM api_keys") }
        #expect(stored.count == 2)
        #expect(try stored.allSatisfy { try $0.get("hash", as: [UInt8].self).count == 32 }, "only SHA-256 hashes are stored")
    }

    @Test func createOperator_refusesTakenOrMalformedSlugs() async throws {
        let f = try await AccountsFixture()
        _ = try await f.makeOperator("acme")
        await expectDomainError(.conflict, .slugTaken) { _ = try await f.makeOperator("acme") }
        await expectDomainError(.invalid, .validationFailed) { _ = try await f.makeOperator("Acme!") }
        await expectDomainError(.invalid) { _ = try await f.makeOperator("a") }
        await expectDomainError(.invalid) {
            _ = try await f.accounts.createOperator(NewOperator(name: "X", slug: "xyz", tier: "platinum"))
        }
    }

    @Test func authenticate_mapsEachKeyToItsOperatorAndMode() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator("acme")
        let live = try await f.principal(acme, .live), test = try await f.principal(acme, .test)
        #expect(live.scope == TenantScope(operatorID: acme.operator.id, mode: .live))
        #expect(test.scope == TenantScope(operatorID: acme.operator.id, mode: .test))
        #expect(live.masked == "tt_wl_acme_live_…" + acme.keys[.live]!.suffix(4))
        #expect(await f.accounts.authenticate(apiKey: "tt_wl_acme_live_" + String(repeating: "A", count: 40)) == nil)
        #expect(await f.accounts.authenticate(apiKey: "Bearer nonsense") == nil)
        #expect(await f.accounts.authenticate(apiKey: "") == nil)
    }

    @Test func rotate_withGrace_keepsOldKeyUntilExpiryThenRefusesIt() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let principal = try await f.principal(acme, .live)
        let issued = try await f.accounts.rotateKey(principal.scope, mode: nil, grace: .seconds(3600))
        #expect(issued.secret.hasPrefix("tt_wl_acme_live_"))
        #expect(await f.accounts.authenticate(apiKey: issued.secret)?.scope.mode == .live)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) != nil)
        f.clock.advance(by: .seconds(3599))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) != nil)
        f.clock.advance(by: .seconds(1))
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) == nil)
        #expect(await f.accounts.authenticate(apiKey: issued.secret) != nil)
        let keys = try await f.accounts.listKeys(operatorID: acme.operator.id)
        #expect(keys.filter { $0.mode == .live }.count == 1, "expired keys drop out of the list")
    }

    @Test func rotate_withZeroGrace_refusesTheOldKeyAtOnce_andTestKeysCannotRotateLive() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let test = try await f.principal(acme, .test)
        await expectDomainError(.forbidden, .liveKeyRequired) { _ = try await f.accounts.rotateKey(test.scope, mode: .live, grace: .zero) }
        await expectDomainError(.invalid) { _ = try await f.accounts.rotateKey(test.scope, mode: nil, grace: .seconds(604_801)) }
        _ = try await f.accounts.rotateKey(test.scope, mode: nil, grace: .zero)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.test]!) == nil)
        #expect(await f.accounts.authenticate(apiKey: acme.keys[.live]!) != nil)
    }

    @Test func listKeys_masksSecretsAndRecordsLastUse() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        _ = try await f.principal(acme, .live)
        let keys = try await f.accounts.listKeys(operatorID: acme.operator.id)
        #expect(keys.count == 2)
        let live = try #require(keys.first { $0.mode == .live })
        #expect(live.masked == "tt_wl_acme_live_…" + acme.keys[.live]!.suffix(4))
        #expect(live.lastUsedAt == f.clock.now())
        #expect(keys.first { $0.mode == .test }?.lastUsedAt == nil)
    }

    @Test func updateOperator_changesTierLimitsAndPrice_andPublishesTheSettings() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let updated = try await f.accounts.updateOperator(acme.operator.id, OperatorUpdate(
            tier: "scale", limits: ["requests_per_minute": 5000], strategyDayPricePaise: 1200))
        #expect(updated.tier == "scale" && updated.limits == ["requests_per_minute": 5000] && updated.strategyDayPricePaise == 1200)
        let event = try #require(try await f.events(AccountsEvent.operatorUpdated).last)
        #expect(try event.decode(OperatorSettingsPayload.self).strategyDayPricePaise == 1200)
        await expectDomainError(.invalid) {
            _ = try await f.accounts.updateOperator(acme.operator.id, OperatorUpdate(limits: ["bananas": 1]))
        }
        await expectDomainError(.notFound) { _ = try await f.accounts.updateOperator("op_missing", OperatorUpdate(name: "x")) }
    }

    @Test func adminToken_isGeneratedOnceAndOnlyItsHashIsStored() async throws {
        let f = try await AccountsFixture()
        let token = try #require(try await f.accounts.prepareAdminToken(configured: nil))
        #expect(await f.accounts.isAdminToken(token))
        #expect(!(await f.accounts.isAdminToken(token + "x")))
        let again = Accounts(database: f.database)
        #expect(try await again.prepareAdminToken(configured: nil) == nil)
        #expect(await again.isAdminToken(token))
        let stored = try await f.database.read { try $0.scalar("SELECT value FROM accounts_settings", as: String.self) }
        #expect(stored != token && stored?.contains(token) == false)
    }

    @Test func members_verifyPasswordsAndAnswerUnknownEmailsLikeWrongPasswords() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let member = try await f.accounts.addMember(operatorID: acme.operator.id, email: "Ops@Acme.example", password: "correct horse battery")
        #expect(member.email == "ops@acme.example")
        #expect(try await f.accounts.verifyMember(email: "ops@acme.example", password: "correct horse battery")?.id == member.id)
        #expect(try await f.accounts.verifyMember(email: "ops@acme.example", password: "wrong password!!") == nil)
        #expect(try await f.accounts.verifyMember(email: "nobody@acme.example", password: "correct horse battery") == nil)
        await expectDomainError(.invalid) { _ = try await f.accounts.addMember(operatorID: acme.operator.id, email: "x@y.example", password: "short") }
        await expectDomainError(.conflict) {
            _ = try await f.accounts.addMember(operatorID: acme.operator.id, email: "ops@acme.example", password: "another long one")
        }
        let hash = try await f.database.read { try $0.scalar("SELECT password_hash FROM members", as: String.self) }
        #expect(hash?.hasPrefix("pbkdf2-sha256$210000$") == true)
    }
}
