@testable import Billing
import Kernel
import Testing
import TestSupport

/// What counts as a strategy-day, driven through the bus exactly as Strategies drives it.
@Suite(.databases) struct MeteringTests {
    /// Rolls up every closed day at `time` and returns the strategy-days charged for `date`.
    func strategyDays(_ f: BillingFixture, on date: String, rollingUpAt time: String) async throws -> Int {
        f.at(time)
        try await f.billing.runDueRollups()
        return try #require(try await f.billing.rollup(date: .day(date), operatorID: BillingFixture.acme, mode: .live).first).strategyDays
    }

    @Test func strategyLiveFrom1000To1005IST_countsOneDay() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        f.at("2026-11-25 10:00")
        try await f.deploy("stg_a")
        f.at("2026-11-25 10:05")
        try await f.pause("stg_a")
        #expect(try await strategyDays(f, on: "2026-11-25", rollingUpAt: "2026-11-25 18:30") == 1)
        #expect(try await f.chargedDays().map(\.amountPaise) == [1500])
        await f.stop()
    }

    @Test func strategyLiveAcross1830IST_countsTwoDays() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        f.at("2026-11-25 17:00")
        try await f.deploy("stg_a")
        f.at("2026-11-25 19:00")
        try await f.pause("stg_a")
        #expect(try await strategyDays(f, on: "2026-11-25", rollingUpAt: "2026-11-26 18:30") == 1)
        #expect(try await f.billing.rollup(date: .day("2026-11-26"), operatorID: BillingFixture.acme, mode: .live).first?.strategyDays == 1)
        #expect(try await f.chargedDays().map(\.date) == ["2026-11-25", "2026-11-26"])
        await f.stop()
    }

    @Test func strategyPausedBeforeTheWindowOpened_countsNothingThatDay() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        f.at("2026-11-24 10:00")
        try await f.deploy("stg_a")
        f.at("2026-11-24 18:30")
        try await f.pause("stg_a")
        #expect(try await strategyDays(f, on: "2026-11-25", rollingUpAt: "2026-11-25 18:30") == 0)
        #expect(try await f.usageDaily(mode: .live).map(\.strategyDays) == [0, 0, 0, 0, 1, 0], "it counted on the day it was live only")
        await f.stop()
    }

    /// A missing day would look like a lost event: every closed day sends `usage.daily`, in both modes, with zeros
    /// when nothing was live, and charges nothing.
    @Test func aDayWithNothingLive_sendsUsageDailyWithZeros_inEveryMode() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 50_000, reference: "pay_1")
        f.at("2026-11-20 18:30")
        try await f.billing.runDueRollups()
        for mode in Mode.allCases {
            let days = try await f.usageDaily(mode: mode)
            #expect(days.map(\.date) == ["2026-11-20"], "\(mode)")
            let day = try #require(days.first)
            #expect(day.strategyDays == 0 && day.amountPaise == 0 && day.byPlan.isEmpty && day.byBroker.isEmpty)
            #expect(day.walletBalancePaise == (mode == .live ? 50_000 : 0))
        }
        #expect(try await f.billing.wallet(f.scope()).recentEntries.map(\.type) == [.credit], "no zero debit")
        await f.stop()
    }

    @Test func deployPauseDeployInOneWindow_countsOnce_underTheLatestPlanAndBroker() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        f.at("2026-11-25 09:15")
        try await f.deploy("stg_a", plan: "plan_basic", broker: "zerodha")
        f.at("2026-11-25 11:00")
        try await f.pause("stg_a")
        f.at("2026-11-25 14:00")
        try await f.deploy("stg_a", plan: "plan_pro", broker: "upstox")
        f.at("2026-11-25 15:30")
        try await f.pause("stg_a")
        #expect(try await strategyDays(f, on: "2026-11-25", rollingUpAt: "2026-11-25 18:30") == 1)
        let day = try #require(try await f.chargedDays().first)
        #expect(day.byPlan.map(\.planID) == ["plan_pro"] && day.byBroker.map(\.broker) == ["upstox"])
        await f.stop()
    }

    @Test func strategyStillLive_countsEveryDay_andStopsTheDayAfterItPaused() async throws {
        let f = try await BillingFixture()
        try await f.operatorCreated()
        f.at("2026-11-21 12:00")
        try await f.deploy("stg_a")
        f.at("2026-11-24 09:00")
        try await f.pause("stg_a")
        f.at("2026-11-26 18:30")
        try await f.billing.runDueRollups()
        #expect(try await f.chargedDays().map(\.date) == ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"])
        await f.stop()
    }
}
