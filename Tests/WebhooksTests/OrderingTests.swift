import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Events about one subject reach an endpoint in commit order; different subjects never wait for each other.
@Suite(.serialized, .databases) struct OrderingTests {
    /// The defect: `strategy.deployed` got a 500, `strategy.paused` went out and got a 200, then the retried
    /// `deployed` arrived after it. Now the `paused` waits for the `deployed` to be delivered.
    @Test func aLaterEventAboutTheSameStrategy_waitsForTheEarlierOnesRetry() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(500))
        let deployed = try await f.strategy("deployed", "stg_1")
        let paused = try await f.strategy("paused", "stg_1")
        #expect(receiver.received == ["strategy.deployed stg_1"], "the pause is held back")
        let waiting = try await f.delivery(of: paused)
        let ahead = try await f.delivery(of: deployed)
        #expect(waiting.status == .pending && waiting.nextAttemptReason == .ordered && waiting.blockedBy == ahead.id && waiting.nextAttemptAt == nil)

        try await f.strategy("paused", "stg_2")
        #expect(receiver.received == ["strategy.deployed stg_1", "strategy.paused stg_2"], "another strategy does not wait")

        await f.advance(.seconds(60))
        #expect(receiver.received == ["strategy.deployed stg_1", "strategy.paused stg_2", "strategy.deployed stg_1", "strategy.paused stg_1"])
        #expect(try await f.delivery(of: paused).status == .delivered)
        await f.stop(); await receiver.stop()
    }

    @Test func aLaterEvent_goesOnceTheEarlierOneHasFinallyFailed() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        receiver.script(.status(500), .status(500), .status(500), .status(500))
        let deployed = try await f.strategy("deployed", "stg_1")
        let paused = try await f.strategy("paused", "stg_1")
        for delay in [60, 300, 1500] { await f.advance(.seconds(Int64(delay))) }
        #expect(try await f.delivery(of: deployed).status == .failed)
        #expect(try await f.delivery(of: paused).status == .delivered)
        #expect(receiver.received.last == "strategy.paused stg_1" && receiver.received.count == 5)
        await f.stop(); await receiver.stop()
    }

    @Test func everyEnvelope_carriesTheOperatorsOwnSequence_inCommitOrder() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        _ = try await f.endpoint(receiver)
        try await f.publish("user.created", scope: TenantScope(operatorID: "op_other", mode: .test))
        for n in 1...3 { try await f.strategy("deployed", "stg_\(n)") }
        let sequences = receiver.requests.map { request in
            ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any])?["sequence"] as? Int
        }
        #expect(sequences == [1, 2, 3], "the other operator's event does not count")
        let event = try await f.webhooks.getEvent(f.scope, try #require(try await f.deliveries().first).eventID)
        #expect(event.json.contains("\"sequence\":3"), "the events API shows the same sequence")
        await f.stop(); await receiver.stop()
    }
}
