import HTTPClient
import Kernel
import TestSupport
@testable import Webhooks

/// A second replica of the same installation: Webhooks on its own connection(s) to the fixture's database, with its
/// own clock (to let its claims' leases pass for it alone) and its own dispatcher; no bus subscriber (the fixture's
/// replica creates the deliveries, as the one replica holding the subscriber's lease does).
struct WebhooksReplica {
    let clock: ManualClock
    let database: Database
    let webhooks: Webhooks

    var dispatcher: DeliveryDispatcher { webhooks.dispatcher }
}

extension WebhooksFixture {
    /// Opens the fixture's database a second time, as another replica, at the fixture's time.
    func replica() throws -> WebhooksReplica {
        let clock = ManualClock(self.clock.now())
        let database = try test.open(clock: clock)
        let transport = HTTPClientTransport(allowPrivateTargets: settings.allowPrivateTargets, configuration: client)
        return WebhooksReplica(clock: clock, database: database, webhooks: Webhooks(database: database, transport: transport, settings: settings))
    }

    /// Publishes events through the bus and waits until their deliveries exist, without attempting any.
    func enqueue(_ events: [NewEvent]) async throws {
        for event in events { try await bus.publish(event) }
        try await bus.drain()
    }

    /// `strategy.<action>` about `strategy`, as the fixture's tenant publishes it.
    func strategyEvent(_ action: String, _ strategy: String) throws -> NewEvent {
        try NewEvent(type: "strategy.\(action)", tenant: scope.operatorID, mode: scope.mode, payload: ["strategy_id": strategy, "user_id": "usr_1"])
    }
}
