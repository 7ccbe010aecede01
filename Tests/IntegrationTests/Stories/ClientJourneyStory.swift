import Billing
import Kernel
import Strategies
import Testing
import TestSupport

/// A client's whole life on the platform, across Accounts, Strategies and Billing on one bus: signed up, linked,
/// pushed a strategy, live, billed at each 18:30 IST roll-up, deleted, and billed no more.
@Suite(.databases) struct ClientJourneyStory {
    @Test func signUpToDeletion_isBilledForEveryLiveDayAndNoMore() async throws {
        let platform = try await Platform(at: "2026-11-20 09:00")
        let acme = try await platform.onboardOperator("acme", topUp: 100_000)
        let client = try await platform.signUpClient("asha@example.com", of: "acme")

        await platform.advance(to: "2026-11-20 09:30")
        let live = try await platform.deployLive(for: client)
        #expect(live.status == .live && live.broker?.name == "zerodha")
        #expect(try await platform.billing.wallet(acme).dailyBurnPaise == 1500)

        await platform.advance(to: "2026-11-20 18:31")
        let first = try await platform.eventually("the 20 Nov roll-up's usage.daily") {
            try await liveUsage(platform).first
        }
        #expect(first.date == "2026-11-20" && first.strategyDays == 1 && first.amountPaise == 1500 && first.walletBalancePaise == 98_500)
        #expect(try await platform.billing.wallet(acme).balancePaise == 98_500)

        await platform.advance(to: "2026-11-21 10:00")
        _ = try await platform.accounts.deleteUser(acme, client.userID)
        try await platform.settle()
        let paused = try await platform.strategy(of: client)
        #expect(paused.status == .paused && paused.pauseReason == .clientDeleted)
        let pausedEvent = try #require(try await platform.events(StrategiesEvent.paused).first)
        #expect(try pausedEvent.decode(StrategyPausedPayload.self).reason == .clientDeleted)
        #expect(try await platform.billing.wallet(acme).dailyBurnPaise == 0, "the burn stops with the strategy")

        await platform.advance(to: "2026-11-21 18:31")
        let second = try await platform.eventually("the 21 Nov roll-up's usage.daily") {
            try await liveUsage(platform).dropFirst().first
        }
        #expect(second.date == "2026-11-21" && second.strategyDays == 1, "live until 10:00, inside the day's window")
        #expect(second.walletBalancePaise == 97_000)

        await platform.advance(to: "2026-11-22 18:31")
        let quiet = try #require(try await platform.billing.rollup(date: .day("2026-11-22"), operatorID: acme.operatorID, mode: .live).first)
        #expect(quiet.strategyDays == 0 && quiet.amountPaise == 0)
        let usage = try await platform.eventually("the 22 Nov roll-up's usage.daily") { try await liveUsage(platform).dropFirst(2).first }
        #expect(usage.date == "2026-11-22" && usage.strategyDays == 0 && usage.amountPaise == 0, "a quiet day still reports, with zeros")
        #expect(try await platform.billing.wallet(acme).balancePaise == 97_000)
        try await platform.stop()
    }

    /// The live wallet's `usage.daily`, oldest first (the sandbox wallet reports its own zero days too).
    func liveUsage(_ platform: Platform) async throws -> [UsageDailyPayload] {
        try await platform.events(BillingEvent.usageDaily).filter { $0.mode == .live }.map { try $0.decode(UsageDailyPayload.self) }
    }
}
