import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// When and why a delivery goes next: `Retry-After` up to an hour, the endpoint's circuit, shown on the delivery and
/// the endpoint.
@Suite(.serialized, .databases) struct RetryAndCircuitTests {
    @Test func retryAfter_isHonouredUpToAnHour_andHoldsBackTheWholeEndpoint() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(503, headers: ["Retry-After": "86400"]))
        let first = try await f.strategy("deployed", "stg_1")
        let waiting = try await f.delivery(of: first)
        #expect(waiting.status == .retrying && waiting.nextAttemptAt == f.clock.now() + .seconds(3600) && waiting.nextAttemptReason == .retryAfter)
        try await f.strategy("deployed", "stg_2")
        #expect(receiver.requests.count == 1, "the receiver asked for a pause: nothing else goes to it either")
        await f.advance(.seconds(3599))
        #expect(receiver.requests.count == 1)
        await f.advance(.seconds(1))
        #expect(receiver.received.count == 3 && Set(receiver.received.dropFirst()) == ["strategy.deployed stg_1", "strategy.deployed stg_2"])
        await f.stop(); await receiver.stop()
    }

    @Test func fiveFailuresInARow_openTheCircuit_visibleOnTheEndpointAndItsDeliveries_untilAProbeSucceeds() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver)
        receiver.script(.status(500), .status(500), .status(500), .status(500), .status(500))
        for n in 1...5 { try await f.strategy("deployed", "stg_\(n)") }
        let open = try await f.webhooks.getEndpoint(f.scope, endpoint.id)
        #expect(open.state == .circuitOpen && open.retryAt == f.clock.now() + .seconds(60) && open.enabled)
        #expect(try await f.webhooks.endpointStates()[.circuitOpen] == 1)

        f.clock.advance(by: .seconds(10))
        let held = try await f.strategy("deployed", "stg_6")
        let delivery = try await f.delivery(of: held)
        #expect(receiver.requests.count == 5, "nothing goes while the circuit is open")
        #expect(delivery.nextAttemptReason == .circuitOpen && delivery.nextAttemptAt == open.retryAt)

        await f.advance(.seconds(50))
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).state == .enabled, "the probe succeeded")
        #expect(try await f.delivery(of: held).status == .delivered)
        await f.stop(); await receiver.stop()
    }

    @Test func deletingOrDisablingAnEndpoint_endsItsOpenDeliveries() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start(otherwise: .status(500))
        let first = try await f.endpoint(receiver, events: ["strategy.deployed"]), second = try await f.endpoint(receiver, events: ["strategy.deployed"])
        let event = try await f.strategy("deployed", "stg_1")
        #expect(try await f.deliveries().allSatisfy { $0.status == .retrying })
        _ = try await f.webhooks.updateEndpoint(f.scope, first.id, WebhookEndpointUpdate(enabled: false))
        _ = try await f.webhooks.deleteEndpoint(f.scope, second.id)
        let ended = try await f.deliveries().filter { $0.eventID == event.id }
        #expect(ended.count == 2 && ended.allSatisfy { $0.status == .failed && $0.nextAttemptAt == nil })
        let disabled = try await f.webhooks.getEndpoint(f.scope, first.id)
        #expect(disabled.state == .disabled && disabled.disabledReason == .operator)
        await f.advance(.seconds(3600))
        #expect(receiver.requests.count == 2, "nothing more was sent")
        await f.stop(); await receiver.stop()
    }
}

extension RetryAndCircuitTests {
    /// Deliveries read before the change carry the old URL: they must not go there.
    @Test func aNewURL_closesTheCircuit_andTheBacklogGoesThere() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let refused = try Receiver.start()
        let deadURL = refused.url
        await refused.stop()
        let endpoint = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: deadURL, events: ["strategy.deployed"]))
        for n in 1...20 { try await f.strategy("deployed", "stg_\(n)") }
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).state == .circuitOpen)
        let moved = try await f.webhooks.updateEndpoint(f.scope, endpoint.id, WebhookEndpointUpdate(url: receiver.url))
        #expect(moved.state == .enabled)
        await f.webhooks.dispatcher.drain()
        #expect(receiver.requests.count == 15, "every delivery not tried yet goes to the new URL, none to the old one")
        #expect(try await f.deliveries().filter { $0.status == .retrying }.count == 5, "the failed ones keep their retry time")
        await f.advance(.seconds(60))
        #expect(receiver.requests.count == 20)
        await f.stop(); await receiver.stop()
    }
}
