import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// What the delivery log keeps of a receiver's answer.
@Suite(.databases) struct DeliveryLogTests {
    @Test func longAnswer_isLoggedUpTo1KiB() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        receiver.script(.body(String(repeating: "a", count: 5000)))
        _ = try await f.endpoint(receiver, events: ["user.created"])
        try await f.publish("user.created")
        let delivery = try #require(try await f.deliveries().first)
        let attempt = try #require(try await f.webhooks.getDelivery(f.scope, delivery.id).attempts.first)
        #expect(attempt.statusCode == 200 && attempt.responseBody == String(repeating: "a", count: 1024))
        await f.stop(); await receiver.stop()
    }

    /// A receiver's name that resolves to a private address gets no request, and the log holds nothing from there.
    @Test func nameResolvingToAPrivateAddress_isBlocked_andNothingFromThereIsLogged() async throws {
        let receiver = try Receiver.start()
        let f = try await WebhooksFixture(allowPrivate: false, resolver: Resolving(["127.0.0.1"]))
        // A public-looking name (a `.test` one is refused at registration), which this resolver points at loopback.
        _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "http://hooks.example.com:\(receiver.port)/hooks", events: ["user.created"]))
        try await f.publish("user.created")
        let delivery = try #require(try await f.deliveries().first)
        let attempt = try #require(try await f.webhooks.getDelivery(f.scope, delivery.id).attempts.first)
        #expect(attempt.errorClass == "blocked" && attempt.statusCode == nil && attempt.responseBody == nil)
        #expect(receiver.requests.isEmpty)
        await f.stop(); await receiver.stop()
    }
}
