import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// One tenant's backlog to a dead endpoint never holds up another tenant.
@Suite(.databases) struct FairnessTests {
    /// The defect: the dispatcher read only the earliest due rows across all tenants and skipped the ones it could not
    /// send without moving past them, so another operator's delivery sat behind one endpoint's backlog. Now tenant A
    /// has 10,000 due deliveries to an endpoint that never answers, and tenant B's new event reaches B's healthy
    /// receiver within a second (real sockets, the real dispatcher loop).
    @Test func tenantBsNewEvent_reachesItsReceiverWithinASecond_behindTenantAsTenThousandTimeouts() async throws {
        let f = try await WebhooksFixture(attemptTimeout: .seconds(30))
        let silent = try Receiver.start(otherwise: .hang(.seconds(60))), healthy = try Receiver.start()
        let a = TenantScope(operatorID: "op_a", mode: .live), b = TenantScope(operatorID: "op_b", mode: .live)
        _ = try await f.webhooks.createEndpoint(a, NewWebhookEndpoint(url: silent.url, events: ["strategy.deployed"]))
        _ = try await f.webhooks.createEndpoint(b, NewWebhookEndpoint(url: healthy.url, events: ["strategy.deployed"]))
        try await f.database.write { tx in
            for n in 0..<10_000 {
                try tx.publish(NewEvent(type: "strategy.deployed", tenant: a.operatorID, mode: a.mode, payload: ["strategy_id": "stg_a\(n)"]))
            }
        }
        try await f.bus.drain()
        await f.webhooks.dispatcher.start()
        #expect(await silent.firstRequest(within: .seconds(30)) != nil, "tenant A's endpoint is being tried")

        let published = ContinuousClock.now
        try await f.bus.publish(NewEvent(type: "strategy.deployed", tenant: b.operatorID, mode: b.mode, payload: ["strategy_id": "stg_b"]))
        #expect(await healthy.firstRequest(within: .seconds(10)) != nil, "B's event never arrived")
        let waited = try #require(healthy.arrivals.first) - published
        #expect(waited < .seconds(1), "B's event waited \(waited)")
        let due = try await f.database.read { try $0.scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE operator_id = 'op_a' AND status = 'pending'", as: Int.self) }
        #expect((due ?? 0) > 9_900, "A's backlog is still there: B did not wait for it to clear")
        await f.stop(); await silent.stop(); await healthy.stop()
    }
}
