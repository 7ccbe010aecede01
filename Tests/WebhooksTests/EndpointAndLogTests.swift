import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

@Suite(.serialized, .databases) struct EndpointAndLogTests {
    @Test func subscriptions_areCappedAtTenActivePerOperatorAndMode() async throws {
        let f = try await WebhooksFixture()
        let all = WebhookEventType.allCases.map(\.rawValue), rest = 10 - (all.count - 1)
        let first = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/a", events: Array(all.dropLast())))
        _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/b", events: Array(all.prefix(rest))))
        do {
            _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/c", events: ["user.created"]))
            Issue.record("expected the quota error")
        } catch let error as DomainError {
            #expect(error.code == .subscriptionQuotaExceeded && error.message == "10 of 10 webhook subscriptions are active; this change needs 1 more, 1 over the quota.")
        }
        _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/c", events: ["user.created"], enabled: false))
        _ = try await f.webhooks.updateEndpoint(f.scope, first.id, WebhookEndpointUpdate(events: ["user.created"]))
        #expect(try await f.webhooks.subscriptionUsage(f.scope).active == 1 + rest)
        let otherMode = TenantScope(operatorID: "op_acme", mode: .live)
        #expect(try await f.webhooks.subscriptionUsage(otherMode).active == 0)
        await f.stop()
    }

    @Test func endpoints_validateEventsAndAreInvisibleToOtherTenants() async throws {
        let f = try await WebhooksFixture()
        await #expect(throws: DomainError.self) {
            _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/a", events: ["user.exploded"]))
        }
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/a", events: [])) }
        let endpoint = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://127.0.0.1:9/a", events: ["user.created"]))
        #expect(endpoint.id.hasPrefix("whe_") && endpoint.secret.hasPrefix("whsec_") && endpoint.secret.count > 40)
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).secret == "whsec_…" + endpoint.secret.suffix(4))
        for other in [TenantScope(operatorID: "op_acme", mode: .live), TenantScope(operatorID: "op_beta", mode: .test)] {
            await #expect(throws: DomainError.notFound("webhook endpoint", endpoint.id)) { _ = try await f.webhooks.getEndpoint(other, endpoint.id) }
            await #expect(throws: DomainError.self) { _ = try await f.webhooks.deleteEndpoint(other, endpoint.id) }
            #expect(try await f.webhooks.listEndpoints(other).data.isEmpty)
        }
        #expect(try await f.webhooks.deleteEndpoint(f.scope, endpoint.id).deleted)
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.getEndpoint(f.scope, endpoint.id) }
        await f.stop()
    }

    @Test func testSend_isMarkedAndLogged() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver, events: ["user.created"])
        let delivery = try await f.webhooks.sendTest(f.scope, endpointID: endpoint.id, type: "wallet.low_balance")
        await f.webhooks.dispatcher.drain()
        #expect(delivery.test)
        let body = try JSONSerialization.jsonObject(with: Data(receiver.requests[0].body)) as! [String: Any]
        #expect(body["test"] as? Bool == true && body["type"] as? String == "wallet.low_balance")
        #expect(try await f.webhooks.getDelivery(f.scope, delivery.id).status == .delivered)
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.sendTest(f.scope, endpointID: endpoint.id, type: "nope") }
        await f.stop(); await receiver.stop()
    }

    @Test func deliveryLog_andStats_countPerTypeAndDay() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(200), .status(500), .status(200))
        try await f.publish("user.created")
        try await f.publish("user.created")
        await f.advance(.seconds(60))
        try await f.publish("strategy.deployed")
        let stats = try await f.webhooks.stats(f.scope, days: 7)
        let created = try #require(stats.data.first { $0.eventType == "user.created" })
        #expect(created.delivered == 1 && created.deliveredAfterRetry == 1 && created.failed == 0 && created.successRate == 1)
        #expect(created.daily.count == 7 && created.daily.last?.delivered == 2)
        #expect(created.latencyP50Ms != nil)
        #expect(stats.data.first { $0.eventType == "strategy.deployed" }?.delivered == 1)
        let filtered = try await f.webhooks.listDeliveries(f.scope, DeliveryQuery(eventType: "strategy.deployed"))
        #expect(filtered.data.count == 1)
        let page = try await f.webhooks.listDeliveries(f.scope, DeliveryQuery(limit: 2))
        #expect(page.data.count == 2 && page.hasMore)
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.listDeliveries(f.scope, DeliveryQuery(status: "weird")) }
        await f.stop(); await receiver.stop()
    }

    @Test func eventsAPI_listsOnlyOperatorFacingEventsOfThisTenantNewestFirst() async throws {
        let f = try await WebhooksFixture()
        let a = try await f.publish("user.created"), b = try await f.publish("strategy.paused")
        try await f.publish("operator.updated")
        try await f.publish("user.created", scope: TenantScope(operatorID: "op_other", mode: .test))
        let page = try await f.webhooks.listEvents(f.scope, EventQuery())
        let ids = try page.data.map { try JSONSerialization.jsonObject(with: Data($0.json.utf8)) as! [String: Any] }.map { $0["id"] as! String }
        #expect(ids == [b.id, a.id])
        let typed = try await f.webhooks.listEvents(f.scope, EventQuery(type: "user.created"))
        #expect(typed.data.count == 1)
        #expect(try await f.webhooks.getEvent(f.scope, a.id).json.contains(a.id))
        await #expect(throws: DomainError.self) { _ = try await f.webhooks.getEvent(TenantScope(operatorID: "op_acme", mode: .live), a.id) }
        let after = try await f.webhooks.listEvents(f.scope, EventQuery(limit: 1))
        #expect(after.hasMore)
        await f.stop()
    }
}
