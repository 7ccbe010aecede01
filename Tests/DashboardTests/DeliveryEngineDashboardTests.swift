import APITestSupport
@testable import Dashboard
import Foundation
import HTTPServer
import Kernel
import Testing
import TestSupport
import Webhooks

/// What the dashboard shows of the delivery engine: the receiver's state and how to turn it back on, when and why a
/// delivery goes next, and the recovery of a time range with its progress.
@Suite(.databases) struct DeliveryEngineDashboardTests {
    /// A receiver on 127.0.0.1 answering every request with `status`.
    final class StatusServer: HTTPHandler {
        let status: Int
        init(status: Int) { self.status = status }
        func handle(_ request: HTTPRequest) async -> HTTPResponse { HTTPResponse(status: status) }
    }

    /// The receiver saved at a local server answering `status`, one client created, its event's attempt made.
    func receiver(answering status: Int) async throws -> (DashboardBrowser, HTTPServer) {
        let browser = try await DashboardBrowser.signedIn()
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: StatusServer(status: status))
        await browser.post("/dashboard/webhook", ["url": "http://127.0.0.1:\(try server.start())/in"])
        _ = try await browser.api.createUser(browser.api.acme, .live, email: "asha@example.com")
        try await browser.api.bus.drain()
        await browser.api.webhooks.dispatcher.drain()
        return (browser, server)
    }

    /// `2026-11-25T18:30`: how a `datetime-local` field sends an IST time.
    static func field(_ time: Timestamp) -> String {
        let local = time.milliseconds + IST.offsetMilliseconds
        let day = CivilDate(daysSinceEpoch: local.floorDivided(by: 86_400_000)), minutes = (local % 86_400_000) / 60_000
        return "\(day)T" + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    @Test func aReceiverThatAnswered410_saysWhy_andEnablingTurnsItBackOn() async throws {
        let (browser, server) = try await receiver(answering: 410)
        var html = await browser.get("/dashboard").text
        #expect(html.contains("it answered 410 Gone") && html.contains(#"action="/dashboard/webhook/enable""#))
        await browser.post("/dashboard/webhook/enable")
        html = await browser.get("/dashboard").text
        #expect(html.contains("Receiver enabled") && html.contains("Receiving events.") && !html.contains(#"action="/dashboard/webhook/enable""#))
        await server.shutdown(drainTimeout: .seconds(1))
    }

    @Test func aRetryingDelivery_saysWhenAndWhyItGoesNext() async throws {
        let (browser, server) = try await receiver(answering: 500)
        let live = TenantScope(operatorID: browser.api.acme.operator.id, mode: .live)
        let retrying = try #require(try await browser.api.webhooks.listDeliveries(live, DeliveryQuery()).data.first { $0.status == .retrying })
        let next = DashboardFormat.time(try #require(retrying.nextAttemptAt))
        let html = await browser.get("/dashboard").text
        #expect(html.contains(#"<small class="next">next \#(next) · retry schedule</small>"#), "\(next)")
        await browser.api.webhooks.dispatcher.stop(drainTimeout: .seconds(1))
        await server.shutdown(drainTimeout: .seconds(1))
    }

    @Test func recovering_countsTheRange_thenStartsARecoveryListedWithItsProgress() async throws {
        let (browser, server) = try await receiver(answering: 204)
        browser.api.clock.advance(by: .seconds(120))
        let range = ["since": Self.field(browser.api.clock.now() - .seconds(3600)), "until": Self.field(browser.api.clock.now())]
        await browser.post("/dashboard/webhook/recover", range.merging(["dry_run": "true"]) { $1 })
        #expect(await browser.get("/dashboard").text.contains("1 events in that range would be sent again."))
        await browser.post("/dashboard/webhook/recover", range.merging(["dry_run": "false"]) { $1 })
        await browser.api.webhooks.dispatcher.drain()
        let html = await browser.get("/dashboard").text
        #expect(html.contains("Recovery started: 1 events will be sent again after live deliveries."))
        #expect(html.contains(#"<span class="status completed">Completed</span>"#) && html.contains("1 of 1 sent · 1 delivered · 0 failed"))
        await browser.post("/dashboard/webhook/recover", ["since": "yesterday", "until": "today"])
        #expect(await browser.get("/dashboard").text.contains("Choose when the range starts and ends."))
        await server.shutdown(drainTimeout: .seconds(1))
    }
}
