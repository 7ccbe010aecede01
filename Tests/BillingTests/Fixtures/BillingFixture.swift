import Accounts
import APITestSupport
@testable import Billing
import Foundation
import Kernel
import Strategies
import Testing
import TestSupport

/// A real Billing actor on a fresh database (of the engine this run tests) with a running bus and a manual clock. Tests play the other
/// modules by publishing their events on the bus, with Accounts' and Strategies' own payload types.
struct BillingFixture {
    let clock: ManualClock
    let test: TestDatabase
    let database: Database
    let bus: EventBus
    let billing: Billing

    static let acme = "op_acme"

    init(at start: Timestamp = IST.at("2026-11-20 09:00"), whatsApp: WhatsAppConfiguration? = nil, settings: Billing.Settings = .init()) async throws {
        clock = ManualClock(start)
        test = TestDatabase()
        (database, bus, billing) = try await Self.open(test, clock: clock, whatsApp: whatsApp, settings: settings)
    }

    /// A second process on the same database: new connection, new bus, new actor (a restart).
    func restarted(whatsApp: WhatsAppConfiguration? = nil) async throws -> BillingFixture {
        await bus.stop()
        return try await BillingFixture(reopening: self, whatsApp: whatsApp)
    }

    private init(reopening other: BillingFixture, whatsApp: WhatsAppConfiguration?) async throws {
        clock = other.clock
        test = other.test
        (database, bus, billing) = try await Self.open(test, clock: clock, whatsApp: whatsApp, settings: .init())
    }

    private static func open(_ test: TestDatabase, clock: ManualClock, whatsApp: WhatsAppConfiguration?, settings: Billing.Settings) async throws
        -> (Database, EventBus, Billing) {
        let database = try test.open(clock: clock)
        try await database.migrate(BillingSchema.migrations)
        let bus = EventBus(database: database)
        let billing = Billing(database: database, whatsApp: whatsApp, settings: settings)
        await bus.subscribe(billing.meter)
        await bus.start()
        return (database, bus, billing)
    }

    func stop() async { await bus.stop() }

    // MARK: - Time

    /// Sets the clock to an IST time (waking any loop whose deadline passed).
    func at(_ text: String) { clock.set(to: IST.at(text)) }

    /// Waits, without sleeping, until `n` loops are parked on the clock.
    func waitForSleepers(_ n: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        await waitUntil("\(n) sleepers", sourceLocation: sourceLocation) { clock.sleeperCount == n }
    }

    // MARK: - Other modules' events

    func operatorCreated(_ id: String = acme, pricePaise: Int64 = 1500) async throws {
        try await publish(AccountsEvent.operatorCreated, tenant: id, .live, OperatorSettingsPayload.mock(operatorID: id, strategyDayPricePaise: pricePaise))
    }

    func operatorUpdated(_ id: String = acme, pricePaise: Int64) async throws {
        try await publish(AccountsEvent.operatorUpdated, tenant: id, .live, OperatorSettingsPayload.mock(operatorID: id, strategyDayPricePaise: pricePaise))
    }

    func deploy(_ strategy: String, user: String = "usr_1", plan: String = "plan_basic", broker: String = "zerodha",
                operator id: String = acme, mode: Mode = .live) async throws {
        try await publish(StrategiesEvent.deployed, tenant: id, mode, StrategyDeployedPayload.mock(strategyID: strategy, userID: user, planID: plan, broker: broker))
    }

    func pause(_ strategy: String, user: String = "usr_1", plan: String = "plan_basic", broker: String = "zerodha",
               operator id: String = acme, mode: Mode = .live) async throws {
        try await publish(StrategiesEvent.paused, tenant: id, mode, StrategyPausedPayload.mock(strategyID: strategy, userID: user, planID: plan, broker: broker))
    }

    /// Publishes at the clock's current time and waits until Billing has applied it.
    private func publish(_ type: String, tenant: String, _ mode: Mode, _ payload: some Encodable) async throws {
        try await bus.publish(NewEvent(type: type, tenant: tenant, mode: mode, payload: payload))
        try await bus.drain()
    }

    // MARK: - Reading back

    /// Events in the outbox, oldest first, of one type.
    func events(_ type: String, mode: Mode? = nil) async throws -> [Event] {
        try await database.read { tx in
            try tx.query("SELECT sequence, id, type, tenant, mode, occurred_at, payload FROM bus_events WHERE type = ? ORDER BY sequence", [type])
                .map {
                    Event(sequence: try $0.get("sequence"), id: try $0.get("id"), type: try $0.get("type"), tenant: try $0.get("tenant"),
                          mode: try $0.get("mode"), occurredAt: try $0.get("occurred_at"), payload: try $0.get("payload"))
                }
        }.filter { mode == nil || $0.mode == mode }
    }

    /// Every `usage.daily`, zero days included.
    func usageDaily(mode: Mode? = nil) async throws -> [UsageDailyPayload] {
        try await events(BillingEvent.usageDaily, mode: mode).map { try $0.decode(UsageDailyPayload.self) }
    }

    /// The `usage.daily` of days that charged something (at least one strategy-day).
    func chargedDays(mode: Mode? = nil) async throws -> [UsageDailyPayload] {
        try await usageDaily(mode: mode).filter { $0.strategyDays > 0 }
    }

    func scope(_ mode: Mode = .live, _ id: String = acme) -> TenantScope { TenantScope(operatorID: id, mode: mode) }

    func balance(_ mode: Mode = .live, _ id: String = acme) async throws -> Int64 {
        try await billing.wallet(scope(mode, id)).balancePaise
    }
}
