import Accounts
import Billing
import Foundation
import Kernel
import Testing
import TestSupport
import Webhooks

/// An operator's webhook endpoint fails for five days: Webhooks disables it and says so on the bus; Billing tells the
/// operator in the inbox and by WhatsApp (never only through the failing endpoint); their other endpoint gets the
/// `webhook_endpoint.disabled` event; enabling it turns it back on.
@Suite(.databases) struct FailingEndpointStory {
    @Test func anEndpointFailingForFiveDays_isDisabled_andTheOperatorHearsOfItInTheInboxAndOnWhatsApp() async throws {
        let whatsApp = try StatusReceiver(answering: 200)
        let platform = try await Platform(at: "2026-11-20 09:00") {
            $0.webhooks.allowPrivateTargets = true
            $0.whatsApp = WhatsAppConfiguration(baseURL: URL(string: whatsApp.url)!, token: "token", phoneNumberID: "1234")
        }
        let acme = try await platform.onboardOperator("acme", topUp: 300_000)
        _ = try await platform.billing.updateWallet(acme, WalletUpdate(alertWhatsAppNumber: "+919800000009"))
        let failing = try platform.receiver(answering: 503), watcher = try platform.receiver(answering: 200)
        let webhooks = platform.services.webhooks
        let endpoint = try await webhooks.createEndpoint(acme, NewWebhookEndpoint(url: failing.url + "/hooks", events: ["user.created"]))
        _ = try await webhooks.createEndpoint(acme, NewWebhookEndpoint(url: watcher.url + "/hooks", events: ["webhook_endpoint.disabled"]))

        _ = try await platform.signUpClient("asha@example.com", of: "acme")
        for (attempts, next) in [(1, "2026-11-20 09:02"), (2, "2026-11-20 09:08"), (3, "2026-11-20 09:40"), (4, "2026-11-25 10:00")] {
            _ = try await platform.eventually("attempt \(attempts) recorded") {
                let delivery = try await webhooks.listDeliveries(acme, DeliveryQuery(endpointID: endpoint.id)).data.first
                return delivery?.lastStatusCode == 503 && delivery?.retries == attempts - 1 ? true : nil
            }
            await platform.advance(to: next)
        }
        _ = try await platform.signUpClient("ravi@example.com", of: "acme")
        let disabled = try await platform.eventually("the endpoint disabled") {
            let current = try await webhooks.getEndpoint(acme, endpoint.id)
            return current.state == .disabled ? current : nil
        }
        #expect(disabled.disabledReason == .failing)

        try await platform.settle()
        let item = try await platform.eventually("the inbox item") {
            try await platform.billing.inbox(acme).data.first { $0.type == "webhook_endpoint.disabled" }
        }
        #expect(item.title == "Webhook endpoint disabled" && item.body.contains(failing.url) && item.data.endpointDisabled?.reason == "failing")
        _ = try await platform.eventually("the event at the other endpoint") { watcher.requests.first }
        #expect(watcher.bodies.first?["type"] as? String == "webhook_endpoint.disabled")

        await platform.advance(to: "2026-11-25 10:01")
        let message = try await platform.eventually("the WhatsApp alert") { whatsApp.bodies.first }
        let template = message["template"] as? [String: Any]
        #expect(message["to"] as? String == "919800000009" && template?["name"] as? String == "webhook_endpoint_disabled")
        _ = try await platform.eventually("the alert recorded as sent") {
            try await platform.billing.inbox(acme).data.first { $0.type == "webhook_endpoint.disabled" && $0.whatsapp == .sent }
        }

        #expect(try await webhooks.enableEndpoint(acme, endpoint.id).state == .enabled)
        try await platform.stop()
        await whatsApp.stop()
    }
}
