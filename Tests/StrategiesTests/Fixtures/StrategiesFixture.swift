import Accounts
import APITestSupport
@testable import Strategies
import Foundation
import Kernel
import Testing
import TestSupport

/// A real Strategies actor on a fresh database (of the engine this run tests), with a manual clock and a running event bus feeding its handler.
/// Clients come into being the way production makes them: Accounts' events published on the bus.
struct StrategiesFixture {
    static let acme = "op_acme"
    let clock: ManualClock
    let database: Database
    let bus: EventBus
    let strategies: Strategies
    let storage: TestDatabase
    let live = TenantScope(operatorID: acme, mode: .live)
    let test = TenantScope(operatorID: acme, mode: .test)
    let rival = TenantScope(operatorID: "op_rival", mode: .live)

    /// - Parameter reopening: an earlier fixture's database (a restart after a crash); a fresh one when nil.
    init(batchSize: Int = 500, reopening: TestDatabase? = nil, clock: ManualClock = ManualClock()) async throws {
        self.clock = clock
        storage = reopening ?? TestDatabase()
        database = try storage.open(clock: clock)
        try await database.migrate(StrategiesSchema.migrations)
        var settings = Strategies.Settings()
        settings.pushBatchSize = batchSize
        strategies = Strategies(database: database, settings: settings)
        bus = EventBus(database: database)
        await bus.subscribe(strategies.eventHandler)
        await bus.start()
    }

    /// Publishes Accounts' `user.created` (and `user.broker_connected` when `broker`) and waits for Strategies.
    @discardableResult
    func addClient(_ scope: TenantScope, plan: String = "plan_gold", broker: Bool = false) async throws -> String {
        let id = Identifier.make("usr")
        try await publish(AccountsEvent.userCreated, scope, UserCreatedPayload.mock(id: id, planID: plan, livemode: scope.isLive))
        if broker { try await connectBroker(id, scope) }
        return id
    }

    /// `count` clients on `plan`, announced in one transaction. Returns their ids in creation order.
    func addClients(_ count: Int, _ scope: TenantScope, plan: String = "plan_gold") async throws -> [String] {
        let ids = (0..<count).map { _ in Identifier.make("usr") }
        try await database.write { tx in
            for id in ids {
                try tx.publish(NewEvent(type: AccountsEvent.userCreated, tenant: scope.operatorID, mode: scope.mode,
                                        payload: UserCreatedPayload.mock(id: id, planID: plan, livemode: scope.isLive)))
            }
        }
        try await bus.drain()
        return ids
    }

    func connectBroker(_ userID: String, _ scope: TenantScope) async throws {
        try await publish(AccountsEvent.userBrokerConnected, scope, BrokerConnectedPayload.mock(userID: userID))
    }

    /// Publishes an event as Accounts would and waits until Strategies has applied it.
    @discardableResult
    func publish(_ type: String, _ scope: TenantScope, _ payload: some Encodable) async throws -> Event {
        let event = try await bus.publish(NewEvent(type: type, tenant: scope.operatorID, mode: scope.mode, payload: payload))
        try await bus.drain()
        return event
    }

    /// Pushes `template` (the worked example by default) to `target` and finishes it.
    @discardableResult
    func push(_ scope: TenantScope, to target: PushTarget, template: TemplateSource = .markdown(TemplateExamples.markdown),
              templateID: String? = nil) async throws -> Push {
        let push = try await strategies.push(scope, target: target, template: template, templateID: templateID)
        try await strategies.runPendingPushes()
        return push
    }

    /// The client's only strategy.
    func strategy(of userID: String, _ scope: TenantScope) async throws -> Strategy {
        let list = try await strategies.listClientStrategies(scope, userID: userID)
        try #require(list.data.count == 1)
        return list.data[0]
    }

    /// Each client's only strategy, in the order of `userIDs`.
    func strategies(of userIDs: [String], _ scope: TenantScope? = nil) async throws -> [Strategy] {
        var found = [Strategy]()
        for id in userIDs { found.append(try await strategy(of: id, scope ?? live)) }
        return found
    }

    /// How many clients hold at least one strategy.
    func distinctClientsWithStrategies() async throws -> Int {
        try await database.read { try $0.scalar("SELECT COUNT(DISTINCT user_id) FROM strategies", as: Int.self) ?? 0 }
    }

    /// Lets the background push worker run until `push` completes (bounded: it yields, it never sleeps).
    func waitUntilCompleted(_ push: Push, _ scope: TenantScope? = nil) async throws -> Push {
        let id = try #require(push.id)
        var current = push
        for _ in 0..<100_000 where current.status != .completed {
            await Task.yield()
            current = try await strategies.getPush(scope ?? live, id)
        }
        return current
    }

    /// Strategies' events in the outbox, oldest first, optionally of one type.
    func events(_ type: String? = nil) async throws -> [Event] {
        try await database.read { tx in
            try tx.query("SELECT sequence, id, type, tenant, mode, occurred_at, payload FROM bus_events WHERE type LIKE 'strategy.%' ORDER BY sequence").map {
                Event(sequence: try $0.get("sequence"), id: try $0.get("id"), type: try $0.get("type"), tenant: try $0.get("tenant"),
                      mode: try $0.get("mode"), occurredAt: try $0.get("occurred_at"), payload: try $0.get("payload"))
            }
        }.filter { type == nil || $0.type == type }
    }

    /// Rows in one of the module's tables.
    func count(_ table: String) async throws -> Int {
        try await database.read { try $0.scalar("SELECT COUNT(*) FROM \(table)", as: Int.self) ?? 0 }
    }

    func stop() async {
        await strategies.stopPushWorker()
        await bus.stop()
    }
}
