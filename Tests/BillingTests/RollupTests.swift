@testable import Billing
import Kernel
import Testing
import TestSupport

/// The daily roll-up: when it runs, and that each operator, mode and day is charged exactly once.
@Suite(.databases) struct RollupTests {
    @Test func scheduler_rollsUpAt1830IST_exactlyOnce_withTheRightAmount() async throws {
        let f = try await BillingFixture(at: IST.at("2026-11-25 09:00"))
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100_000, reference: "pay_1")
        f.at("2026-11-25 10:00")
        try await f.deploy("stg_a")
        try await f.deploy("stg_b", plan: "plan_pro")
        let scheduler = Task { await f.billing.runRollupScheduler(bus: f.bus) }
        await f.waitForSleepers(1)

        f.clock.set(to: IST.at("2026-11-25 18:30") - .milliseconds(1))
        await f.waitForSleepers(1)
        #expect(try await f.usageDaily().isEmpty, "nothing before 18:30 IST")

        f.clock.set(to: try #require(RFC3339.parse("2026-11-25T13:00:00Z")))
        try await waitUntil("the roll-up") { try await f.usageDaily(mode: .live).count == 1 }
        await f.waitForSleepers(1)
        let day = try #require(try await f.usageDaily(mode: .live).first)
        #expect(day.date == "2026-11-25" && day.strategyDays == 2 && day.amountPaise == 3000 && day.currency == "INR")
        #expect(day.windowStart == IST.at("2026-11-24 18:30") && day.windowEnd == IST.at("2026-11-25 18:30"))
        #expect(day.byPlan.map(\.planID) == ["plan_basic", "plan_pro"] && day.byPlan.map(\.amountPaise) == [1500, 1500])
        #expect(day.byBroker.map(\.broker) == ["zerodha"] && day.byBroker.map(\.strategyDays) == [2])
        #expect(day.walletBalancePaise == 97_000)
        let debit = try #require(try await f.billing.wallet(f.scope()).recentEntries.first)
        #expect(debit.type == .debit && debit.amountPaise == day.amountPaise && debit.reason == .usage && debit.reference == "2026-11-25")
        #expect(debit.balanceAfterPaise == day.walletBalancePaise)

        f.at("2026-11-26 12:00")
        await f.waitForSleepers(1)
        #expect(try await f.usageDaily(mode: .live).count == 1, "later in the day nothing more happens")
        f.at("2026-11-26 18:30")
        try await waitUntil("the next day's roll-up") { try await f.usageDaily(mode: .live).count == 2 }
        await f.waitForSleepers(1)
        #expect(try await f.balance() == 94_000)
        scheduler.cancel()
        await scheduler.value
        await f.stop()
    }

    @Test func restart_halfwayThroughAPass_chargesTheRestOnce_andNothingTwice() async throws {
        let f = try await BillingFixture()
        for id in ["op_acme", "op_bolt"] {
            try await f.operatorCreated(id)
            try await f.deploy("stg_\(id)", operator: id)
        }
        f.at("2026-11-20 18:30")
        // The pass charged acme's live wallet, then the process died before bolt's.
        _ = try await f.billing.rollup(date: .day("2026-11-20"), operatorID: "op_acme", mode: .live)
        #expect(try await f.usageDaily().count == 1)

        let restarted = try await f.restarted()
        let performed = try await restarted.billing.runDueRollups()
        #expect(performed.map { "\($0.operatorID)/\($0.livemode)" } == ["op_acme/false", "op_bolt/true", "op_bolt/false"])
        #expect(try await restarted.usageDaily().count == 4)
        #expect(try await restarted.events(BillingEvent.usageDaily).map { "\($0.tenant)/\($0.mode)" } == [
            "op_acme/live", "op_acme/test", "op_bolt/live", "op_bolt/test",
        ])
        #expect(try await restarted.balance(.live, "op_acme") == -1500)
        #expect(try await restarted.balance(.live, "op_bolt") == -1500)
        #expect(try await restarted.billing.runDueRollups().isEmpty, "a second pass finds nothing due")
        await restarted.stop()
    }

    @Test func outageOfThreeDays_isCaughtUpOnStart_inDateOrder() async throws {
        let f = try await BillingFixture(at: IST.at("2026-11-24 12:00"))
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 50_000, reference: "pay_1")
        f.at("2026-11-24 20:00")
        try await f.deploy("stg_a")
        f.at("2026-11-25 09:00")
        try await f.deploy("stg_b")
        // The server goes down before 18:30 on the 25th and comes back after 18:30 on the 27th.
        f.at("2026-11-27 19:00")
        let restarted = try await f.restarted()
        let scheduler = Task { await restarted.billing.runRollupScheduler(bus: restarted.bus) }
        try await waitUntil("the catch-up") { try await restarted.chargedDays().count == 3 }
        await restarted.waitForSleepers(1)
        let days = try await restarted.chargedDays()
        #expect(days.map(\.date) == ["2026-11-25", "2026-11-26", "2026-11-27"])
        #expect(days.map(\.amountPaise) == [3000, 3000, 3000])
        #expect(days.map(\.walletBalancePaise) == [47_000, 44_000, 41_000])
        let entries = try await restarted.billing.wallet(restarted.scope()).recentEntries
        #expect(entries.map(\.reference) == ["2026-11-27", "2026-11-26", "2026-11-25", "pay_1"])
        #expect(try await restarted.billing.runDueRollups().isEmpty)
        scheduler.cancel()
        await scheduler.value
        await restarted.stop()
    }

    @Test func manualRerun_returnsTheStoredResult_andAnOpenWindowIsRefused() async throws {
        let f = try await BillingFixture(at: IST.at("2026-11-25 09:00"))
        try await f.operatorCreated()
        try await f.deploy("stg_a")
        f.at("2026-11-25 18:30")
        let first = try await f.billing.rollup(date: .day("2026-11-25"))
        #expect(first.map(\.strategyDays) == [1, 0], "live and test wallets, in that order")
        f.at("2026-11-26 10:00")
        let again = try await f.billing.rollup(date: .day("2026-11-25"))
        #expect(again == first)
        #expect(try await f.usageDaily().map(\.strategyDays) == [1, 0], "one per wallet, and none more for the re-run")
        #expect(try await f.balance() == -1500)
        await expectDomainError(.conflict, .windowOpen) { _ = try await f.billing.rollup(date: .day("2026-11-26")) }
        await expectDomainError(.conflict, .windowOpen) { _ = try await f.billing.rollup(date: .day("2027-01-01")) }
        await expectDomainError(.notFound) { _ = try await f.billing.rollup(date: .day("2026-11-25"), operatorID: "op_nobody") }
        let before = try await f.billing.rollup(date: .day("2026-11-01"), operatorID: BillingFixture.acme, mode: .live)
        #expect(before.map(\.strategyDays) == [0], "a day before the operator existed rolls up to nothing")
        #expect(try await f.billing.runDueRollups().isEmpty)
        await f.stop()
    }

    @Test func priceInForceAtRollupTime_applies() async throws {
        let f = try await BillingFixture(at: IST.at("2026-11-25 09:00"))
        try await f.operatorCreated(pricePaise: 1500)
        try await f.deploy("stg_a")
        f.at("2026-11-25 17:00")
        try await f.operatorUpdated(pricePaise: 1200)
        f.at("2026-11-25 18:30")
        let rollup = try #require(try await f.billing.runDueRollups().first)
        #expect(rollup.strategyDayPricePaise == 1200 && rollup.amountPaise == 1200)
        await f.stop()
    }
}
