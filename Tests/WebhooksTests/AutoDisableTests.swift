import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// An endpoint that answers 410, or whose every attempt failed for 5 days, is disabled, and the platform says so on
/// the bus (`webhook_endpoint.disabled`); `enable` turns it back on.
@Suite(.serialized, .databases) struct AutoDisableTests {
    func disabledEvents(_ f: WebhooksFixture) async throws -> [EndpointDisabledPayload] {
        try await f.database.read { tx in
            try EventLog.list(tenant: f.scope.operatorID, mode: f.scope.mode, types: [WebhookEventType.webhookEndpointDisabled.rawValue],
                              limit: 10, tx)
        }.map { try $0.decode(EndpointDisabledPayload.self) }
    }

    @Test func failingForFiveDaysInARow_disablesTheEndpoint_tellsTheBus_andEnableTurnsItBackOn() async throws {
        let f = try await WebhooksFixture(), failing = try Receiver.start(otherwise: .status(503)), watcher = try Receiver.start()
        let endpoint = try await f.endpoint(failing, events: ["strategy.deployed"])
        _ = try await f.endpoint(watcher, events: [WebhookEventType.webhookEndpointDisabled.rawValue])
        let started = f.clock.now()
        try await f.strategy("deployed", "stg_1")
        for delay in [60, 300, 1500] { await f.advance(.seconds(Int64(delay))) }
        await f.advance(.seconds(4 * 86_400))
        try await f.strategy("deployed", "stg_2")
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).state == .circuitOpen, "4 days of failures: not yet")

        await f.advance(.seconds(86_400))
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).state == .disabled)
        let disabled = try await f.webhooks.getEndpoint(f.scope, endpoint.id)
        #expect(disabled.disabledReason == .failing && !disabled.enabled)
        #expect(try await disabledEvents(f) == [EndpointDisabledPayload(
            endpointID: endpoint.id, url: failing.url, reason: .failing, failingSince: started, lastError: "HTTP 503")])
        try await f.bus.drain()
        await f.webhooks.dispatcher.drain()
        #expect(watcher.received == ["webhook_endpoint.disabled"], "the operator's other endpoint hears of it")
        #expect(try await f.deliveries().filter { $0.endpointID == endpoint.id }.allSatisfy { !$0.status.isDue })

        let enabled = try await f.webhooks.enableEndpoint(f.scope, endpoint.id)
        #expect(enabled.state == .enabled && enabled.enabled && enabled.disabledReason == nil && enabled.retryAt == nil)
        let requests = failing.requests.count
        try await f.strategy("deployed", "stg_3")
        #expect(failing.requests.count == requests + 1, "it gets deliveries again")
        await f.stop(); await failing.stop(); await watcher.stop()
    }

    @Test func a410_disablesAtOnce_withItsReason() async throws {
        let f = try await WebhooksFixture(), gone = try Receiver.start(otherwise: .status(410))
        let endpoint = try await f.endpoint(gone, events: ["strategy.deployed"])
        try await f.strategy("deployed", "stg_1")
        let disabled = try await f.webhooks.getEndpoint(f.scope, endpoint.id)
        #expect(disabled.state == .disabled && disabled.disabledReason == .gone)
        #expect(try await disabledEvents(f).map(\.reason) == [.gone])
        await f.stop(); await gone.stop()
    }

    @Test func enabling_countsTheSubscriptionsAgainstTheQuota() async throws {
        let f = try await WebhooksFixture(), gone = try Receiver.start(otherwise: .status(410))
        let all = WebhookEventType.allCases.map(\.rawValue)
        let endpoint = try await f.endpoint(gone, events: all)
        try await f.strategy("deployed", "stg_1")
        _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/other", events: all))
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.enableEndpoint(f.scope, endpoint.id) }
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).state == .disabled)
        await f.stop(); await gone.stop()
    }
}
