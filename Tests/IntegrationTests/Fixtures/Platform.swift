import Accounts
import Assembly
import Billing
import Foundation
import Kernel
import Strategies
import Synchronization
import Testing
import TestSupport

/// The whole platform without the Gateway: the binary's own ``Services`` on a fresh database (of the engine this run
/// tests) and one real bus,
/// a manual clock, and every background service (the bus, the roll-up scheduler, maintenance, the push worker,
/// the dispatcher…) running in a ``ServiceGroup`` as `serve` runs them. Stories drive it through actor calls and
/// the clock, never through HTTP.
final class Platform: Sendable {
    let clock: ManualClock
    let services: Services
    private let test: TestDatabase
    private let shutdown: AsyncStream<Void>.Continuation
    private let running: Task<Void, any Error>
    private let receivers = Mutex<[StatusReceiver]>([])

    /// Starts everything at `start`, an IST wall time (`"2026-11-20 09:00"`), with the production configuration
    /// changed by `configure`.
    convenience init(at start: String, configure: (inout Services.Configuration) -> Void = { _ in }) async throws {
        let test = TestDatabase()
        var configuration = Services.Configuration()
        configuration.accounts.passwordIterations = 1000
        configuration.storage = test.settings
        configuration.masterKeyFile = test.masterKeyFile
        configure(&configuration)
        try await self.init(on: test, configuration, clock: ManualClock(IST.at(start)))
    }

    /// A second replica of `primary`: the binary's assembly and every background service again on the same database
    /// and clock, as a second `serve` process would run them.
    convenience init(replicaOf primary: Platform) async throws {
        try await self.init(on: primary.test, primary.services.configuration, clock: primary.clock)
    }

    private init(on test: TestDatabase, _ configuration: Services.Configuration, clock: ManualClock) async throws {
        self.clock = clock
        self.test = test
        services = try await Services.open(at: test.location, configuration, clock: clock, logger: .discard)
        _ = test.adopt(services.database)
        let (signal, shutdown) = AsyncStream.makeStream(of: Void.self)
        self.shutdown = shutdown
        let group = ServiceGroup(services.backgroundServices(logger: .discard))
        running = Task { try await group.run { for await _ in signal { return } } }
        await waitUntilRunning()
    }

    /// Stops every service in reverse order (as SIGTERM does), then the receivers.
    func stop() async throws {
        shutdown.yield()
        try await running.value
        for receiver in receivers.withLock({ $0 }) { await receiver.stop() }
    }

    var accounts: Accounts { services.accounts }
    var strategies: Strategies { services.strategies }
    var billing: Billing { services.billing }

    /// An HTTP server on 127.0.0.1 answering `status` to everything (a webhook receiver, the WhatsApp API), stopped
    /// with the platform. Webhooks reach it only when the configuration allows private targets.
    func receiver(answering status: Int) throws -> StatusReceiver {
        let receiver = try StatusReceiver(answering: status)
        receivers.withLock { $0.append(receiver) }
        return receiver
    }

    // MARK: - Time

    /// The background services that sleep on the clock when idle: the outbox pruner, quota persistence, accounts
    /// maintenance and the roll-up scheduler.
    private static let clockDrivenServices = 4

    /// Moves the clock to an IST wall time; every service whose sleep ends by then wakes. It first waits until the
    /// clock-driven services are all asleep again: one still busy from the last move would start its next sleep
    /// from the new time and so miss its deadline.
    func advance(to time: String) async {
        await waitUntil("the clock-driven services to sleep") { clock.sleeperCount >= Self.clockDrivenServices }
        clock.set(to: IST.at(time))
    }

    /// Waits until every subscriber has handled everything, including what their reactions published in turn
    /// (`user.deleted` → `strategy.paused` → Billing's meter).
    func settle() async throws {
        repeat { try await services.bus.drain() } while try await services.bus.status().contains { $0.lag > 0 }
    }

    /// Polls `find` until it returns something (yielding, never sleeping) and returns that.
    func eventually<T>(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ find: () async throws -> T?) async throws -> T {
        var found: T?
        try await waitUntil(what, sourceLocation: sourceLocation) {
            found = try await find()
            return found != nil
        }
        return try #require(found, sourceLocation: sourceLocation)
    }

    // MARK: - The outbox

    /// Every event published so far, oldest first, optionally of one type.
    func events(_ type: String? = nil) async throws -> [Event] {
        try await services.database.read { tx in
            try tx.query("SELECT sequence, id, type, tenant, mode, occurred_at, payload FROM bus_events ORDER BY sequence").map {
                Event(sequence: try $0.get("sequence"), id: try $0.get("id"), type: try $0.get("type"), tenant: try $0.get("tenant"),
                      mode: try $0.get("mode"), occurredAt: try $0.get("occurred_at"), payload: try $0.get("payload"))
            }
        }.filter { type == nil || $0.type == type }
    }

    /// The bus is started by its service; nothing may be published to the stories before it runs.
    private func waitUntilRunning() async {
        let bus = services.bus
        await waitUntil("the bus to start") { await bus.isRunning }
    }
}
