import Billing
import Kernel
import Testing
import TestSupport

/// A strategy going live shortens the operator's runway under its threshold: Billing raises `wallet.low_balance`
/// and puts the alert in the operator's inbox, once.
@Suite(.databases) struct LowBalanceStory {
    @Test func aDeploymentThatLeavesTooShortARunway_raisesOneInboxAlert() async throws {
        let platform = try await Platform(at: "2026-11-20 09:00")
        let acme = try await platform.onboardOperator("acme", topUp: 3_000)
        #expect(try await platform.billing.inbox(acme).data.isEmpty, "no burn, no runway to fall short")
        let client = try await platform.signUpClient("meera@example.com", of: "acme")
        _ = try await platform.deployLive(for: client)

        let inbox = try await platform.billing.inbox(acme)
        let alert = try #require(inbox.data.first)
        #expect(inbox.data.count == 1 && inbox.unreadCount == 1)
        #expect(alert.type == BillingEvent.walletLowBalance && alert.whatsapp == .notConfigured)
        let wallet = try #require(alert.data.lowBalance)
        #expect(wallet.balancePaise == 3_000 && wallet.dailyBurnPaise == 1500)
        #expect(wallet.runwayDays == 2 && wallet.thresholdDays == 7)
        let events = try await platform.events(BillingEvent.walletLowBalance)
        #expect(events.count == 1 && events[0].tenant == acme.operatorID)

        _ = try await platform.deployLive(for: try await platform.signUpClient("dev@example.com", of: "acme"))
        #expect(try await platform.billing.inbox(acme).data.count == 1, "still low: no second alert for the same crossing")
        try await platform.stop()
    }
}
