import Accounts
import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport
import Webhooks

/// The dashboard's receiver check-up and the inspector's signed content, against real receivers on 127.0.0.1.
@Suite(.databases) struct DashboardCheckUpTests {
    /// A signed-in browser whose receiver (live mode) is a ``VerifyingReceiver`` of `behaviour` holding its secret.
    static func browser(with behaviour: VerifyingReceiver.Behaviour) async throws -> (DashboardBrowser, VerifyingReceiver, WebhookEndpoint) {
        let browser = try await DashboardBrowser.signedIn()
        let clock = browser.api.clock
        let receiver = try VerifyingReceiver(behaviour, now: { clock.now() })
        await browser.post("/dashboard/webhook", ["url": receiver.url])
        let live = TenantScope(operatorID: browser.api.acme.operator.id, mode: .live)
        let endpoint = try #require(try await browser.api.webhooks.listEndpoints(live).data.first)
        receiver.use(secret: try await browser.api.webhooks.signingSecret(live, endpoint.id))
        await browser.get("/dashboard")
        return (browser, receiver, endpoint)
    }

    @Test func runningTheCheckUp_onAReceiverThatIgnoresTimestamps_showsFailAndTheOneFix() async throws {
        let (browser, receiver, _) = try await Self.browser(with: .ignoresTimestamps)
        let html = await browser.post("/dashboard/webhook/check-up").text
        #expect(html.contains(#"id="check-up-verdict" class="status failed">fail</span>"#))
        #expect(html.contains(#"<tr data-check="stale_timestamp">"#) && html.contains("refuse timestamps more than 5 minutes from your clock"))
        #expect(html.contains(#"<ul id="check-up-notes">"#))
        #expect(receiver.answered.map(\.status) == [200, 401, 200, 200])
        await receiver.stop()
    }

    @Test func runningTheCheckUp_onAReceiverThatVerifiesCorrectly_showsPass() async throws {
        let (browser, receiver, _) = try await Self.browser(with: .verifiesCorrectly)
        let html = await browser.post("/dashboard/webhook/check-up").text
        #expect(html.contains(#"id="check-up-verdict" class="status delivered">pass</span>"#))
        #expect(!html.contains(#"id="check-up-fixes""#))
        await receiver.stop()
    }

    @Test func theInspector_ofAFailedAttempt_showsTheSignedContentAndTheSecretsId() async throws {
        let (browser, receiver, endpoint) = try await Self.browser(with: .answers(500))
        #expect(await browser.get("/dashboard").text.contains(#"<code id="secret-id">\#(endpoint.secretID ?? "?")</code>"#))
        let sent = await browser.post("/dashboard/webhook/test", ["type": "api_key.rotated"])
        await browser.api.webhooks.dispatcher.drain()
        let html = await browser.get(String(try #require(sent.headers["Location"]).prefix { $0 != "#" })).text
        #expect(html.contains(#"<pre class="excerpt" id="signed-content-1">"#))
        #expect(receiver.requestCount == 1 && html.contains("bytes): <code>{webhook-id}.{webhook-timestamp}.{body}</code>"))
        #expect(html.contains("secret <code>\(endpoint.secretID ?? "?")</code>"))
        await receiver.stop()
    }
}
