import Foundation
import HTTPClient
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Webhooks on a real database (of the engine this run tests), a real bus and the production transport, with a manual clock and exact
/// (jitter-free) retries. `resolver` stands in for DNS (names like `hooks.test`).
struct WebhooksFixture {
    let clock = ManualClock(Timestamp(milliseconds: 1_790_000_000_000))
    let database: Database
    let bus: EventBus
    let webhooks: Webhooks
    let scope = TenantScope(operatorID: "op_acme", mode: .test)
    let test: TestDatabase
    /// The settings and the client configuration its Webhooks runs with (a ``replica()`` runs with the same).
    let settings: Webhooks.Settings
    let client: HTTPClientConfiguration

    /// - Parameter reopening: an earlier fixture's database (a restart); a fresh one when nil.
    init(allowPrivate: Bool = true, attemptTimeout: Duration = .seconds(2), reopening: TestDatabase? = nil,
         resolver: any NameResolver = SystemResolver(), configure: (inout Webhooks.Settings) -> Void = { _ in }) async throws {
        test = reopening ?? TestDatabase()
        database = try test.open(clock: clock)
        try await database.migrate(WebhooksSchema.migrations)
        var settings = Webhooks.Settings()
        settings.allowPrivateTargets = allowPrivate
        settings.attemptTimeout = attemptTimeout
        settings.random = { 0.5 }
        settings.masterKey = try test.masterKey()
        configure(&settings)
        var client = HTTPClientConfiguration()
        client.resolver = resolver
        self.settings = settings
        self.client = client
        webhooks = Webhooks(database: database, transport: HTTPClientTransport(allowPrivateTargets: allowPrivate, configuration: client),
                            settings: settings)
        bus = EventBus(database: database)
        await bus.subscribe(webhooks.eventHandler)
        await bus.start()
    }

    /// Publishes an operator-facing event and waits until its deliveries' first attempts are done.
    @discardableResult
    func publish(_ type: String, data: [String: String] = ["user_id": "usr_1"], scope: TenantScope? = nil) async throws -> Event {
        let scope = scope ?? self.scope
        let event = try await bus.publish(NewEvent(type: type, tenant: scope.operatorID, mode: scope.mode, payload: data))
        try await bus.drain()
        await webhooks.dispatcher.drain()
        return event
    }

    /// Publishes `strategy.<action>` about `strategy` (its deliveries share that strategy's ordered lane).
    @discardableResult
    func strategy(_ action: String, _ strategy: String) async throws -> Event {
        try await publish("strategy.\(action)", data: ["strategy_id": strategy, "user_id": "usr_1"])
    }

    /// One delivery with its attempts.
    func delivery(_ id: String) async throws -> WebhookDelivery {
        try await webhooks.getDelivery(scope, id)
    }

    /// The delivery of `event` (the original, not a replay or a recovery's).
    func delivery(of event: Event) async throws -> WebhookDelivery {
        try #require(try await deliveries().last { $0.eventID == event.id })
    }

    /// Moves the clock and lets every attempt that became due finish.
    func advance(_ duration: Duration) async {
        clock.advance(by: duration)
        await webhooks.dispatcher.drain()
    }

    func endpoint(_ receiver: Receiver, events: [String] = WebhookEventType.allCases.map(\.rawValue)) async throws -> WebhookEndpoint {
        try await webhooks.createEndpoint(scope, NewWebhookEndpoint(url: receiver.url, events: events))
    }

    func deliveries() async throws -> [WebhookDelivery] {
        try await webhooks.listDeliveries(scope, DeliveryQuery(limit: 100)).data
    }

    func stop() async {
        await bus.stop()
        await webhooks.dispatcher.stop(drainTimeout: .seconds(1))
    }
}
