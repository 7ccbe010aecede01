@testable import Billing
import Foundation
import Kernel
import Testing
import TestSupport

/// Low-balance alerts end to end: the event, the inbox item and the WhatsApp request to a real local receiver.
@Suite(.databases) struct LowBalanceAlertTests {
    static let number = "+919876543210"

    func configuration(_ receiver: HTTPReceiver) -> WhatsAppConfiguration {
        WhatsAppConfiguration(baseURL: receiver.baseURL, token: "tok_test", phoneNumberID: "1055550001")
    }

    /// An operator with a WhatsApp number and `balance` in its live wallet.
    func fixture(_ receiver: HTTPReceiver?, balance: Int64, number: String? = number) async throws -> BillingFixture {
        let f = try await BillingFixture(whatsApp: receiver.map(configuration))
        try await f.operatorCreated()
        if let number { _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(alertWhatsAppNumber: number)) }
        if balance > 0 { _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: balance, reference: "pay_0") }
        return f
    }

    /// Re-arms a low, alerted wallet with a top-up and crosses again by raising the threshold over the new runway.
    func crossAgain(_ f: BillingFixture, reference: String = "pay_1") async throws {
        _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 7))
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100_000, reference: reference)
        _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 365))
    }

    func lowBalanceEvents(_ f: BillingFixture) async throws -> [LowBalancePayload] {
        try await f.events(BillingEvent.walletLowBalance).map { try $0.decode(LowBalancePayload.self) }
    }

    @Test func crossingUnderTheThreshold_alertsOnce_byEventInboxAndWhatsApp_andRearmsAfterATopUp() async throws {
        let receiver = try HTTPReceiver()
        defer { receiver.stop() }
        let f = try await fixture(receiver, balance: 10_000)
        try await f.deploy("stg_a")
        #expect(try await lowBalanceEvents(f) == [LowBalancePayload(balancePaise: 10_000, dailyBurnPaise: 1500, runwayDays: 6.6, thresholdDays: 7)])
        let page = try await f.billing.inbox(f.scope())
        let item = try #require(page.data.first)
        #expect(page.unreadCount == 1 && !item.read && item.whatsapp == .pending && item.type == "wallet.low_balance")
        #expect(item.title == "Wallet balance low" && item.body.contains("₹100.00") && item.data.lowBalance?.runwayDays == 6.6)

        #expect(try await f.billing.deliverPendingAlerts() == nil, "nothing left pending")
        let request = try #require(receiver.requests.first)
        #expect(request.method == "POST" && request.path == "/v21.0/1055550001/messages")
        #expect(request.headers["authorization"] == "Bearer tok_test" && request.headers["content-type"] == "application/json")
        let json = request.json
        #expect(json["messaging_product"] as? String == "whatsapp" && json["to"] as? String == "919876543210")
        #expect(json["type"] as? String == "template")
        let template = try #require(json["template"] as? [String: Any])
        #expect(template["name"] as? String == "low_balance_alert")
        #expect((template["language"] as? [String: Any])?["code"] as? String == "en")
        let components = try #require(template["components"] as? [[String: Any]])
        let parameters = try #require(components.first?["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["text"] as? String } == ["live", "₹100.00", "6.6", "7"])
        #expect(try await f.billing.inbox(f.scope()).data.first?.whatsapp == .sent)

        try await f.deploy("stg_b")
        #expect(try await lowBalanceEvents(f).count == 1, "still low: no second alert for the same crossing")
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100_000, reference: "pay_1")
        #expect(try await lowBalanceEvents(f).count == 1, "the top-up lifted the runway to 36.6 days and re-armed the alert")
        _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 60))
        #expect(try await lowBalanceEvents(f).last == LowBalancePayload(balancePaise: 110_000, dailyBurnPaise: 3000, runwayDays: 36.6, thresholdDays: 60))
        #expect(try await lowBalanceEvents(f).count == 2, "a higher threshold is a new crossing")
        try await f.billing.deliverPendingAlerts()
        #expect(receiver.requests.count == 2)
        await f.stop()
    }

    @Test func rollupDebit_thatCrossesTheThreshold_alertsInTheSameTransaction_andPauseRedeployCyclesDoNotRefire() async throws {
        let f = try await fixture(nil, balance: 12_000, number: nil)
        try await f.deploy("stg_a")
        f.at("2026-11-20 18:30")
        try await f.billing.runDueRollups()
        #expect(try await lowBalanceEvents(f).isEmpty, "10,500 paise is exactly seven days: not under")
        f.at("2026-11-21 18:30")
        try await f.billing.runDueRollups()
        let usage = try await f.events(BillingEvent.usageDaily, mode: .live), alerts = try await f.events(BillingEvent.walletLowBalance)
        #expect(alerts.count == 1 && alerts[0].sequence == usage[1].sequence + 1 && alerts[0].occurredAt == usage[1].occurredAt)
        #expect(try await f.billing.inbox(f.scope()).data.first?.whatsapp == .notConfigured)

        for _ in 0..<3 {
            try await f.pause("stg_a")
            try await f.deploy("stg_a")
        }
        #expect(try await lowBalanceEvents(f).count == 1, "pausing everything leaves no runway to compare: the same crossing")
        #expect(try await f.billing.inbox(f.scope()).data.count == 1)
        await f.stop()
    }

    @Test func fewerLiveStrategies_thatLiftTheRunwayOverTheThreshold_rearm() async throws {
        let f = try await fixture(nil, balance: 12_000, number: nil)
        try await f.deploy("stg_a")
        try await f.deploy("stg_b")
        #expect(try await lowBalanceEvents(f).map(\.runwayDays) == [4.0])
        try await f.pause("stg_b")
        try await f.deploy("stg_b")
        #expect(try await lowBalanceEvents(f).map(\.runwayDays) == [4.0, 4.0], "8 days of runway with one live re-armed it")
        try await f.pause("stg_a")
        try await f.pause("stg_b")
        _ = try await f.billing.credit(operatorID: BillingFixture.acme, amountPaise: 100_000, reference: "pay_1")
        try await f.deploy("stg_a")
        #expect(try await lowBalanceEvents(f).count == 2, "the top-up made the runway 74.6 days: re-armed, no alert")
        await f.stop()
    }

    @Test func negativeBalance_isItselfAnAlert_evenWithNothingLive() async throws {
        let f = try await fixture(nil, balance: 1000, number: nil)
        _ = try await f.billing.updateWallet(f.scope(), WalletUpdate(lowBalanceThresholdDays: 0))
        try await f.deploy("stg_a")
        f.at("2026-11-20 12:00")
        try await f.pause("stg_a")
        #expect(try await lowBalanceEvents(f).isEmpty)
        f.at("2026-11-20 18:30")
        try await f.billing.runDueRollups()
        #expect(try await lowBalanceEvents(f) == [LowBalancePayload(balancePaise: -500, dailyBurnPaise: 0, runwayDays: nil, thresholdDays: 0)])
        let item = try #require(try await f.billing.inbox(f.scope()).data.first)
        #expect(item.body.contains("overdrawn at -₹5.00"))
        #expect(try JSON.encodeString(item.data).contains(#""runway_days":null"#))
        await f.stop()
    }

    @Test func failedSends_areRetriedWithBackoffOnTheClock_andTheOutcomeIsRecorded() async throws {
        let receiver = try HTTPReceiver(statuses: [500, 503])
        defer { receiver.stop() }
        let f = try await fixture(receiver, balance: 0)
        try await f.deploy("stg_a")
        let firstRetry = try await f.billing.deliverPendingAlerts()
        #expect(firstRetry == f.clock.now() + .seconds(30))
        let item = try #require(try await f.billing.inbox(f.scope()).data.first)
        #expect(item.whatsapp == .pending && item.whatsappError?.hasPrefix("HTTP 500") == true)
        try await f.billing.deliverPendingAlerts()
        #expect(receiver.requests.count == 1, "not due yet")
        f.clock.advance(by: .seconds(30))
        #expect(try await f.billing.deliverPendingAlerts() == f.clock.now() + .seconds(60), "the back-off doubles")
        f.clock.advance(by: .seconds(60))
        #expect(try await f.billing.deliverPendingAlerts() == nil)
        #expect(receiver.requests.count == 3)
        let sent = try #require(try await f.billing.inbox(f.scope()).data.first)
        #expect(sent.whatsapp == .sent && sent.whatsappError == nil)

        receiver.answer([400])
        try await crossAgain(f)
        #expect(try await f.billing.deliverPendingAlerts() == nil)
        let refused = try #require(try await f.billing.inbox(f.scope()).data.first)
        #expect(refused.whatsapp == .failed && refused.whatsappError?.hasPrefix("HTTP 400") == true, "a 4xx is not retried")
        await f.stop()
    }

    @Test func withoutCredentials_orWithoutANumber_alertsStayInTheInbox() async throws {
        let unconfigured = try await fixture(nil, balance: 0)
        try await unconfigured.deploy("stg_a")
        #expect(try await unconfigured.billing.inbox(unconfigured.scope()).data.map(\.whatsapp) == [.notConfigured])
        #expect(try await unconfigured.billing.deliverPendingAlerts() == nil)
        await unconfigured.stop()

        let receiver = try HTTPReceiver()
        defer { receiver.stop() }
        let numberless = try await fixture(receiver, balance: 0, number: nil)
        try await numberless.deploy("stg_a")
        #expect(try await numberless.billing.inbox(numberless.scope()).data.map(\.whatsapp) == [.noNumber])
        try await numberless.billing.deliverPendingAlerts()
        #expect(receiver.requests.isEmpty)
        await numberless.stop()
    }

    @Test func alertSender_deliversOnItsOwn_asTheClockAdvances() async throws {
        let receiver = try HTTPReceiver()
        defer { receiver.stop() }
        let f = try await fixture(receiver, balance: 0)
        let sender = Task { await f.billing.runAlertSender() }
        await f.waitForSleepers(1)
        try await f.deploy("stg_a")
        f.clock.advance(by: .seconds(5))
        await waitUntil("the alert to be sent") { receiver.requests.count == 1 }
        await f.waitForSleepers(1)
        #expect(try await f.billing.inbox(f.scope()).data.first?.whatsapp == .sent)
        sender.cancel()
        await sender.value
        await f.stop()
    }

    @Test func inbox_pagesNewestFirst_andMarkReadIsIdempotent() async throws {
        let f = try await fixture(nil, balance: 0, number: nil)
        try await f.deploy("stg_a")
        try await crossAgain(f)
        try await crossAgain(f, reference: "pay_2")
        let first = try await f.billing.inbox(f.scope(), limit: 2)
        #expect(first.data.count == 2 && first.hasMore && first.unreadCount == 3)
        let rest = try await f.billing.inbox(f.scope(), limit: 2, startingAfter: first.data.last?.id)
        #expect(rest.data.count == 1 && !rest.hasMore)
        #expect(Set((first.data + rest.data).map(\.id)).count == 3)

        let read = try await f.billing.markRead(f.scope(), first.data[0].id)
        f.clock.advance(by: .seconds(60))
        let again = try await f.billing.markRead(f.scope(), first.data[0].id)
        #expect(read.read && again.readAt == read.readAt)
        #expect(try await f.billing.inbox(f.scope()).unreadCount == 2)
        await expectDomainError(.notFound) { _ = try await f.billing.markRead(f.scope(.test), first.data[0].id) }
        await expectDomainError(.invalid) { _ = try await f.billing.inbox(f.scope(), limit: 0) }
        await expectDomainError(.notFound) { _ = try await f.billing.inbox(f.scope(), startingAfter: "ntf_nope") }
        #expect(try await f.billing.inbox(f.scope(.test)).data.isEmpty)
        await f.stop()
    }
}
