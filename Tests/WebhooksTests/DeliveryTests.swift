import Foundation
import HTTPServer
import Kernel
import Testing
import TestSupport
@testable import Webhooks

@Suite(.serialized, .databases) struct DeliveryTests {
    /// Verifies a received request the way a receiver library does.
    func verified(_ request: HTTPRequest, secret: String, now: Timestamp) -> Bool {
        guard let id = request.headers["webhook-id"], let ts = request.headers["webhook-timestamp"].flatMap(Int64.init),
              let signature = request.headers["webhook-signature"] else { return false }
        return WebhookSigner.verify(header: signature, id: id, timestamp: ts, body: request.body, secret: secret, now: now)
    }

    @Test func everyEventType_reachesASubscribedEndpointSignedInTheEnvelope() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver)
        var ids = [String]()
        for type in WebhookEventType.allCases { ids.append(try await f.publish(type.rawValue).id) }
        #expect(receiver.requests.map { $0.headers["webhook-id"] } == ids)
        for request in receiver.requests {
            #expect(verified(request, secret: endpoint.secret, now: f.clock.now()))
            let body = try JSONSerialization.jsonObject(with: Data(request.body)) as! [String: Any]
            #expect(Set(body.keys).isSuperset(of: ["id", "type", "timestamp", "api_version", "livemode", "data"]))
            #expect(body["livemode"] as? Bool == false)
            #expect((body["data"] as? [String: Any])?["user_id"] as? String == "usr_1")
        }
        #expect(try await f.deliveries().allSatisfy { $0.status == .delivered })
        await f.stop(); await receiver.stop()
    }

    @Test func unsubscribedTypesAndOtherTenants_areNotSent() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver, events: ["user.created"])
        try await f.publish("strategy.deployed")
        try await f.publish("user.created", scope: TenantScope(operatorID: "op_acme", mode: .live))
        try await f.publish("user.created", scope: TenantScope(operatorID: "op_other", mode: .test))
        try await f.publish("operator.updated")
        #expect(receiver.requests.isEmpty)
        try await f.publish("user.created")
        #expect(receiver.requests.count == 1)
        await f.stop(); await receiver.stop()
    }

    @Test func twoFailuresThenSuccess_isDeliveredAfterRetryWithThreeAttempts() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(500), .status(500), .status(200))
        let event = try await f.publish("user.created")
        #expect(try await f.deliveries()[0].status == .retrying)
        await f.advance(.seconds(60))
        #expect(try await f.deliveries()[0].retries == 1)
        await f.advance(.seconds(300))
        let delivery = try await f.webhooks.getDelivery(f.scope, try await f.deliveries()[0].id)
        #expect(delivery.status == .deliveredAfterRetry)
        #expect(delivery.attempts.map(\.statusCode) == [500, 500, 200])
        #expect(receiver.requests.allSatisfy { $0.headers["webhook-id"] == event.id }, "same webhook-id on every attempt")
        await f.stop(); await receiver.stop()
    }

    @Test func fourFailures_endFailedWithTheScheduledGaps() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(500), .status(502), .status(503), .status(500), .status(200))
        try await f.publish("user.created")
        await f.advance(.seconds(59))
        #expect(receiver.requests.count == 1, "nothing before the first delay")
        await f.advance(.seconds(1))
        await f.advance(.seconds(300))
        await f.advance(.seconds(1500))
        let delivery = try await f.webhooks.getDelivery(f.scope, try await f.deliveries()[0].id)
        #expect(delivery.status == .failed && delivery.retries == 3 && delivery.nextAttemptAt == nil)
        let gaps = zip(delivery.attempts.dropFirst(), delivery.attempts).map { ($0.startedAt - $1.startedAt) }
        #expect(gaps == [.seconds(60), .seconds(300), .seconds(1500)])
        await f.advance(.seconds(86_400))
        #expect(receiver.requests.count == 4, "no fifth attempt")
        await f.stop(); await receiver.stop()
    }

    @Test func timeoutsAndRefusedConnections_areRetried() async throws {
        let f = try await WebhooksFixture(attemptTimeout: .seconds(1)), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver, events: ["user.created"])
        receiver.script(.hang(.seconds(5)), .status(200))
        let closed = try Receiver.start()
        let closedURL = closed.url
        await closed.stop()
        _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: closedURL, events: ["user.created"]))
        try await f.publish("user.created")
        let first = try await f.deliveries()
        #expect(first.allSatisfy { $0.status == .retrying })
        let attempts = try await first.asyncMap { try await f.webhooks.getDelivery(f.scope, $0.id).attempts[0].errorClass }
        #expect(Set(attempts.compactMap { $0 }) == ["timeout", "connect"])
        await f.advance(.seconds(60))
        let after = try await f.deliveries()
        #expect(after.map(\.status.rawValue).sorted() == ["delivered_after_retry", "retrying"], "\(after)")
        await f.stop(); await receiver.stop()
    }

    @Test func retryAfter_onA429IsHonoured_andA410DisablesTheEndpoint() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver, events: ["user.created"])
        receiver.script(.status(429, headers: ["Retry-After": "10"]), .status(410))
        try await f.publish("user.created")
        #expect(try await f.deliveries()[0].nextAttemptAt == f.clock.now() + .seconds(10))
        await f.advance(.seconds(10))
        #expect(try await f.deliveries()[0].status == .failed)
        let disabled = try await f.webhooks.getEndpoint(f.scope, endpoint.id)
        #expect(!disabled.enabled && disabled.state == .disabled && disabled.disabledReason == .gone)
        try await f.publish("user.created")
        #expect(receiver.requests.count == 2, "a disabled endpoint gets nothing new")
        await f.stop(); await receiver.stop()
    }

    @Test func replay_redeliversTheSameEventWithAFreshValidSignature() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver)
        let event = try await f.publish("usage.daily")
        let original = try await f.deliveries()[0]
        await f.advance(.seconds(5))
        let replay = try await f.webhooks.replay(f.scope, original.id)
        #expect(replay.replayOf == original.id && replay.eventID == event.id)
        await f.webhooks.dispatcher.drain()
        #expect(receiver.requests.count == 2)
        let (first, second) = (receiver.requests[0], receiver.requests[1])
        #expect(first.headers["webhook-id"] == second.headers["webhook-id"])
        #expect(first.headers["webhook-timestamp"] != second.headers["webhook-timestamp"])
        #expect(first.body == second.body)
        #expect(verified(second, secret: endpoint.secret, now: f.clock.now()))
        #expect(try await f.deliveries().map(\.id) == [replay.id, original.id], "the replay is the newest row")
        await f.stop(); await receiver.stop()
    }

    @Test func secretRotation_signsWithBothSecretsDuringTheOverlap() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let original = try await f.endpoint(receiver)
        let rotated = try await f.webhooks.rotateSecret(f.scope, original.id, expireOldIn: .seconds(3600))
        #expect(rotated.secret != original.secret)
        try await f.publish("user.created")
        let request = receiver.requests[0]
        #expect(request.headers["webhook-signature"]?.split(separator: " ").count == 2)
        #expect(verified(request, secret: original.secret, now: f.clock.now()))
        #expect(verified(request, secret: rotated.secret, now: f.clock.now()))
        f.clock.advance(by: .seconds(3600))
        try await f.publish("user.created")
        #expect(receiver.requests[1].headers["webhook-signature"]?.split(separator: " ").count == 1)
        #expect(!verified(receiver.requests[1], secret: original.secret, now: f.clock.now()))
        await f.stop(); await receiver.stop()
    }

    @Test func restartMidSchedule_resumesTheRetries() async throws {
        let test: TestDatabase
        let receiver = try Receiver.start()
        receiver.script(.status(500))
        do {
            let f = try await WebhooksFixture()
            test = f.test
            _ = try await f.endpoint(receiver)
            try await f.publish("user.created")
            #expect(try await f.deliveries()[0].status == .retrying)
            await f.stop()
        }
        let restarted = try await WebhooksFixture(reopening: test)
        restarted.clock.set(to: Timestamp(milliseconds: 1_790_000_000_000) + .seconds(60))
        await restarted.webhooks.dispatcher.drain()
        #expect(try await restarted.deliveries()[0].status == .deliveredAfterRetry)
        #expect(receiver.requests.count == 2)
        await restarted.stop(); await receiver.stop()
    }

    @Test func dispatcherLoop_sendsOnCommitAndWakesForRetriesOnTheClock() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(500))
        await f.webhooks.dispatcher.start()
        _ = try await f.bus.publish(NewEvent(type: "user.created", tenant: f.scope.operatorID, mode: f.scope.mode, payload: ["a": "b"]))
        try await f.bus.drain()
        while try await f.deliveries().first?.status != .retrying { await Task.yield() }
        while f.clock.sleeperCount == 0 { await Task.yield() }
        f.clock.advance(by: .seconds(60))
        while try await f.deliveries().first?.status != .deliveredAfterRetry { await Task.yield() }
        #expect(receiver.requests.count == 2)
        await f.stop(); await receiver.stop()
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out = [T]()
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
