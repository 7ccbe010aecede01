@testable import Billing
import Kernel
import Testing
import TestSupport

/// The usage report: exact filters, every grouping, and totals that reconcile with events and debits.
@Suite(.databases) struct UsageReportTests {
    /// Three days of a small book, rolled up each evening: two clients, two plans, two brokers, and a price
    /// rise on the third day.
    func threeDays() async throws -> BillingFixture {
        let f = try await BillingFixture(at: IST.at("2026-11-20 09:00"))
        try await f.operatorCreated()
        try await f.deploy("stg_1", user: "usr_1", plan: "plan_basic", broker: "zerodha")
        try await f.deploy("stg_2", user: "usr_1", plan: "plan_pro", broker: "upstox")
        try await f.deploy("stg_3", user: "usr_2", plan: "plan_pro", broker: "zerodha")
        f.at("2026-11-20 18:30")
        try await f.billing.runDueRollups()
        f.at("2026-11-21 12:00")
        try await f.pause("stg_2")
        f.at("2026-11-21 18:30")
        try await f.billing.runDueRollups()
        f.at("2026-11-22 12:00")
        try await f.operatorUpdated(pricePaise: 2000)
        f.at("2026-11-22 18:30")
        try await f.billing.runDueRollups()
        return f
    }

    @Test func groupings_splitTheSameTotals() async throws {
        let f = try await threeDays()
        let all = UsageQuery(from: .day("2026-11-20"), to: .day("2026-11-22"))
        let byDay = try await f.billing.usage(f.scope(), all)
        #expect(byDay.data.map(\.date) == ["2026-11-20", "2026-11-21", "2026-11-22"])
        #expect(byDay.data.map(\.strategyDays) == [3, 3, 2])
        #expect(byDay.data.map(\.amountPaise) == [4500, 4500, 4000])
        #expect(byDay.totals == UsageTotals(strategyDays: 8, amountPaise: 13_000))
        #expect(byDay.data.allSatisfy { $0.planID == nil && $0.broker == nil && $0.userID == nil && $0.currency == "INR" })

        var query = all
        query.groupBy = .plan
        #expect(try await f.billing.usage(f.scope(), query).data.map(\.planID) == ["plan_basic", "plan_pro"])
        query.groupBy = .broker
        let byBroker = try await f.billing.usage(f.scope(), query)
        #expect(byBroker.data.map(\.broker) == ["upstox", "zerodha"] && byBroker.data.map(\.strategyDays) == [2, 6])
        query.groupBy = .user
        let byUser = try await f.billing.usage(f.scope(), query)
        #expect(byUser.data.map(\.userID) == ["usr_1", "usr_2"] && byUser.data.map(\.amountPaise) == [8000, 5000])
        for report in [byBroker, byUser] { #expect(report.totals == byDay.totals) }
        await f.stop()
    }

    @Test func totals_reconcileWithTheUsageEventsAndTheWalletDebits_toThePaisa() async throws {
        let f = try await threeDays()
        let report = try await f.billing.usage(f.scope(), UsageQuery(from: .day("2026-11-01"), to: .day("2026-11-30")))
        let events = try await f.usageDaily()
        let debits = try await f.billing.wallet(f.scope()).recentEntries.filter { $0.reason == .usage }
        #expect(report.totals.amountPaise == events.reduce(0) { $0 + $1.amountPaise })
        #expect(report.totals.amountPaise == debits.reduce(0) { $0 + $1.amountPaise })
        #expect(report.totals.strategyDays == events.reduce(0) { $0 + $1.strategyDays })
        for event in events {
            #expect(event.byPlan.reduce(0) { $0 + $1.amountPaise } == event.amountPaise)
            #expect(event.byBroker.reduce(0) { $0 + $1.strategyDays } == event.strategyDays)
        }
        await f.stop()
    }

    @Test func filters_areExact_andCombine() async throws {
        let f = try await threeDays()
        let range = (from: CivilDate.day("2026-11-20"), to: CivilDate.day("2026-11-22"))
        let pro = try await f.billing.usage(f.scope(), UsageQuery(from: range.from, to: range.to, planID: "plan_pro", groupBy: .user))
        #expect(pro.data.map(\.userID) == ["usr_1", "usr_2"] && pro.data.map(\.strategyDays) == [2, 3])
        let proOnZerodha = try await f.billing.usage(f.scope(), UsageQuery(from: range.from, to: range.to, planID: "plan_pro", broker: "zerodha"))
        #expect(proOnZerodha.totals == UsageTotals(strategyDays: 3, amountPaise: 5000))
        let oneUserOneDay = try await f.billing.usage(f.scope(), UsageQuery(from: range.to, to: range.to, userID: "usr_1", groupBy: .broker))
        #expect(oneUserOneDay.data.map(\.broker) == ["zerodha"] && oneUserOneDay.totals.amountPaise == 2000)
        let nobody = try await f.billing.usage(f.scope(), UsageQuery(from: range.from, to: range.to, userID: "usr_nobody"))
        #expect(nobody.data.isEmpty && nobody.totals == UsageTotals(strategyDays: 0, amountPaise: 0))
        #expect(try await f.billing.usage(f.scope(.live, "op_other"), UsageQuery(from: range.from, to: range.to)).data.isEmpty)
        await f.stop()
    }

    @Test func range_mustBeOrderedAndAtMost366Days_andDateStringsAreValidated() async throws {
        let f = try await BillingFixture()
        await expectDomainError(.invalid, .validationFailed) {
            _ = try await f.billing.usage(f.scope(), UsageQuery(from: .day("2026-11-22"), to: .day("2026-11-21")))
        }
        await expectDomainError(.invalid) {
            _ = try await f.billing.usage(f.scope(), UsageQuery(from: .day("2025-01-01"), to: .day("2026-01-02")))
        }
        _ = try await f.billing.usage(f.scope(), UsageQuery(from: .day("2024-01-01"), to: .day("2024-12-31")))
        #expect(try UsageQuery.date("2026-02-28", field: "from") == .day("2026-02-28"))
        for bad in ["2026-02-30", "2026-2-01", "26-02-01", "yesterday", ""] {
            #expect(throws: DomainError.invalidField("from", "must be a date like 2026-11-25")) { try UsageQuery.date(bad, field: "from") }
        }
        #expect(try UsageQuery.groupBy("broker") == .broker)
        #expect(throws: DomainError.self) { try UsageQuery.groupBy("month") }
        await f.stop()
    }
}
