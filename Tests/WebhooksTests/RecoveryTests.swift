import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Sending an endpoint every event of a time range again: counted, paced behind live traffic, visible as it goes.
@Suite(.serialized, .databases) struct RecoveryTests {
    /// Events at one-minute steps: `count` `strategy.deployed` (stg_0…) and one `user.created` the endpoint is not
    /// subscribed to. Returns the deployments.
    func history(_ f: WebhooksFixture, _ count: Int) async throws -> [Event] {
        var events = [Event]()
        for n in 0..<count {
            events.append(try await f.bus.publish(NewEvent(type: "strategy.deployed", tenant: f.scope.operatorID, mode: f.scope.mode,
                                                           payload: ["strategy_id": "stg_\(n)"])))
            f.clock.advance(by: .seconds(60))
        }
        try await f.bus.publish(NewEvent(type: "user.created", tenant: f.scope.operatorID, mode: f.scope.mode, payload: ["user_id": "usr_1"]))
        try await f.bus.drain()
        return events
    }

    @Test func aDryRun_countsTheSubscribedEventsInTheRange_andStartsNothing() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let start = f.clock.now()
        let events = try await history(f, 5)
        let endpoint = try await f.endpoint(receiver, events: ["strategy.deployed"])
        let preview = try await f.webhooks.recover(f.scope, endpointID: endpoint.id,
                                                    RecoveryRequest(since: start + .seconds(60), until: f.clock.now(), dryRun: true))
        #expect(preview == .preview(RecoveryPreview(endpointID: endpoint.id, since: start + .seconds(60), until: f.clock.now(), total: events.count - 1)))
        await f.webhooks.dispatcher.drain()
        #expect(receiver.requests.isEmpty)
        await f.stop(); await receiver.stop()
    }

    @Test func aRecovery_resendsEveryEventOfTheRange_afterLiveDeliveries_andReportsItsProgress() async throws {
        let f = try await WebhooksFixture { $0.recoveryWindow = 4; $0.maxConcurrentPerEndpoint = 1 }
        let receiver = try Receiver.start()
        let start = f.clock.now()
        let events = try await history(f, 10)
        let endpoint = try await f.endpoint(receiver, events: ["strategy.deployed"])
        guard case .started(let recovery) = try await f.webhooks.recover(f.scope, endpointID: endpoint.id,
                                                                          RecoveryRequest(since: start, until: f.clock.now()))
        else { Issue.record("no recovery started"); return }
        #expect(recovery.status == .running && recovery.total == 10 && recovery.queued == 0)
        try await f.bus.publish(NewEvent(type: "strategy.deployed", tenant: f.scope.operatorID, mode: f.scope.mode, payload: ["strategy_id": "stg_live"]))
        try await f.bus.drain()
        await f.webhooks.dispatcher.drain()

        #expect(receiver.received.first == "strategy.deployed stg_live", "live traffic goes first")
        #expect(Array(receiver.received.dropFirst()) == (0..<10).map { "strategy.deployed stg_\($0)" }, "the range, in order")
        #expect(receiver.requests.dropFirst().map { $0.headers["webhook-id"] } == events.map(\.id), "each with its event's own id")
        let done = try await f.webhooks.getRecovery(f.scope, recovery.id)
        #expect(done.status == .completed && done.queued == 10 && done.delivered == 10 && done.failed == 0 && done.completedAt != nil)
        #expect(try await f.webhooks.listRecoveries(f.scope, endpointID: endpoint.id).map(\.id) == [recovery.id])
        await f.stop(); await receiver.stop()
    }

    @Test func aRecovery_reachesBackThirtyDaysAtMost_andNotIntoTheFuture() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let endpoint = try await f.endpoint(receiver)
        let now = f.clock.now()
        guard case .preview(let wide) = try await f.webhooks.recover(
            f.scope, endpointID: endpoint.id, RecoveryRequest(since: now - .seconds(90 * 86_400), until: now + .seconds(86_400), dryRun: true))
        else { Issue.record("expected a count"); return }
        #expect(wide.since == now - .seconds(30 * 86_400) && wide.until == now, "the range is cut to the event log's 30 days and to now")
        guard case .started(let empty) = try await f.webhooks.recover(f.scope, endpointID: endpoint.id,
                                                                       RecoveryRequest(since: now, until: now - .seconds(60)))
        else { Issue.record("expected a recovery"); return }
        #expect(empty.total == 0 && empty.status == .completed, "a range that ends before it starts holds nothing")
        await #expect(throws: DomainError.notFound(.webhookEndpoint, endpoint.id)) {
            _ = try await f.webhooks.recover(TenantScope(operatorID: "op_other", mode: .test), endpointID: endpoint.id,
                                             RecoveryRequest(since: now - .seconds(60), until: now))
        }
        await f.stop(); await receiver.stop()
    }
}
