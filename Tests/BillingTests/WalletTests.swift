@testable import Billing
import Foundation
import Kernel
import Testing
import TestSupport

/// The prepaid wallet: credits, the ledger, burn and runway, settings, and test-mode isolation.
@Suite(.databases) struct WalletTests {
    @Test func credit_isIdempotentByReference_andRefusesAReusedReferenceWithAnotherAmount() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        let first = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 50_000, reference: "pay_1")
        let again = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 50_000, reference: "pay_1")
        #expect(again.entry == first.entry && first.isNew && !again.isNew)
        #expect(first.entry.id.hasPrefix("wle_") && first.entry.type == .credit && first.entry.reason == .topUp
            && first.entry.balanceAfterPaise == 50_000)
        #expect(try await f.balance() == 50_000)
        await expectDomainError(.conflict, .referenceReused) {
            _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 60_000, reference: "pay_1")
        }
        let second = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 25_050, reference: "pay_2")
        #expect(second.entry.balanceAfterPaise == 75_050 && second.isNew)
        await expectDomainError(.notFound) { _ = try await f.billing.credit(operatorID: "op_nobody", amountPaise: 100, reference: "x") }
        await expectDomainError(.invalid) { _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 0, reference: "x") }
        await expectDomainError(.invalid) { _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100, reference: " ") }
        await expectDomainError(.notFound) { _ = try await f.billing.wallet(f.scope(.live, "op_nobody")) }
        await f.stop()
    }

    @Test func wallet_reportsBurnOfLiveStrategiesAndRunway_andNullRunwayWhenNothingBurns() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 10_000, reference: "pay_1")
        let idle = try await f.billing.wallet(f.scope())
        #expect(idle.dailyBurnPaise == 0 && idle.runwayDays == nil && idle.lowBalanceThresholdDays == 7 && idle.alertWhatsAppNumber == nil)
        let json = try JSON.encodeString(idle)
        #expect(json.contains(#""runway_days":null"#) && json.contains(#""object":"wallet""#) && json.contains(#""currency":"INR""#))

        try await f.deploy("stg_a")
        try await f.deploy("stg_b")
        let busy = try await f.billing.wallet(f.scope())
        #expect(busy.dailyBurnPaise == 3000 && busy.runwayDays == 3.3)
        try await f.operatorUpdated(pricePaise: 1000)
        #expect(try await f.billing.wallet(f.scope()).dailyBurnPaise == 2000, "the burn follows the price")
        try await f.pause("stg_a")
        #expect(try await f.billing.wallet(f.scope()).dailyBurnPaise == 1000)
        await f.stop()
    }

    @Test func ledger_recordsEachDebitAtTheEventsAmount_andTheBalanceMayGoNegative() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 2000, reference: "pay_1")
        try await f.deploy("stg_a")
        try await f.deploy("stg_b")
        f.at("2026-11-21 18:30")
        try await f.billing.runDueRollups()
        let days = try await f.chargedDays(mode: .live)
        let wallet = try await f.billing.wallet(f.scope())
        let debits = wallet.recentEntries.filter { $0.type == .debit }
        #expect(debits.map(\.amountPaise) == days.reversed().map(\.amountPaise))
        #expect(debits.map(\.balanceAfterPaise) == days.reversed().map(\.walletBalancePaise))
        #expect(wallet.balancePaise == 2000 - 2 * 3000 && wallet.balancePaise == days.last?.walletBalancePaise)
        #expect(wallet.runwayDays == 0)
        await f.stop()
    }

    @Test func updateWallet_validatesThresholdAndNumber_andAnEmptyNumberRemovesIt() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        let updated = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 14, alertWhatsAppNumber: "+919876543210"))
        #expect(updated.lowBalanceThresholdDays == 14 && updated.alertWhatsAppNumber == "+919876543210")
        #expect(try await f.billing.wallet(f.scope(.test)).lowBalanceThresholdDays == 7, "each mode has its own settings")
        await expectDomainError(.invalid) { _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 366)) }
        await expectDomainError(.invalid) { _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: -1)) }
        await expectDomainError(.invalid) { _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(alertWhatsAppNumber: "98765 43210")) }
        let cleared = try await f.billing.updateWallet(f.scope(), WalletUpdate(alertWhatsAppNumber: ""))
        #expect(cleared.alertWhatsAppNumber == nil && cleared.lowBalanceThresholdDays == 14)
        await f.stop()
    }

    @Test func testMode_metersAndRollsUpLikeLive_againstItsOwnSandboxWallet() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100_000, reference: "pay_1")
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 9_000, reference: "pay_1", mode: .test)
        try await f.deploy("stg_live")
        try await f.deploy("stg_t1", mode: .test)
        try await f.deploy("stg_t2", plan: "plan_sandbox", mode: .test)
        #expect(try await f.billing.wallet(f.scope(.test)).dailyBurnPaise == 3000)
        #expect(try await f.billing.wallet(f.scope(.live)).dailyBurnPaise == 1500)
        f.at("2026-11-20 18:30")
        try await f.billing.runDueRollups()

        #expect(try await f.usageDaily(mode: .live).map(\.amountPaise) == [1500])
        #expect(try await f.usageDaily(mode: .test).map(\.amountPaise) == [3000])
        #expect(try await f.balance(.live) == 98_500)
        #expect(try await f.balance(.test) == 6_000)
        let day = CivilDate.day("2026-11-20")
        let live = try await f.billing.usage(f.scope(.live), UsageQuery(from: day, to: day, groupBy: .plan))
        let test = try await f.billing.usage(f.scope(.test), UsageQuery(from: day, to: day, groupBy: .plan))
        #expect(live.data.map(\.planID) == ["plan_basic"] && live.totals.strategyDays == 1)
        #expect(test.data.map(\.planID) == ["plan_basic", "plan_sandbox"] && test.totals.strategyDays == 2)
        #expect(try await f.billing.wallet(f.scope(.live)).recentEntries.allSatisfy(\.livemode))
        #expect(try await f.billing.wallet(f.scope(.test)).recentEntries.allSatisfy { !$0.livemode })
        await f.stop()
    }
}
