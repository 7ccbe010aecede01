@testable import Kernel
import Testing
import TestSupport

/// Two whole platforms (every background service, as two `serve` processes run them) on one PostgreSQL database: the
/// work that must happen once across replicas runs on one of them, and moves to the other when it stops.
@Suite(.databases) struct OnceOnlyLoopsTests {
    /// The loops `Services.backgroundServices` runs under a lease (besides the bus's subscribers, read from the bus).
    static let leasedServices = ["bus.outbox-pruner", "accounts.maintenance", "billing.rollups"]

    @Test(.enabled(if: TestDatabase.engine == .postgres, "SQLite: one process per file, every lease granted"))
    func everyOnceOnlyLoop_runsOnOneReplica_andMovesToTheOtherWhenItStops() async throws {
        let a = try await Platform(at: "2026-11-20 09:00")
        let b = try await Platform(replicaOf: a)
        let subscribers = try await a.services.bus.status().map { SubscriberRunner.lease($0.name) }
        let leases = subscribers + Self.leasedServices.map { "service.\($0)" }
        #expect(subscribers.count >= 4, "the bus's subscribers: \(subscribers)")

        await waitUntil("every lease to be held") {
            for lease in leases {
                if await a.holds(lease) { continue }
                if await b.holds(lease) { continue }
                return false
            }
            return true
        }
        for lease in leases {
            let holders = [await a.holds(lease), await b.holds(lease)].filter { $0 }.count
            #expect(holders == 1, "\(lease) is held by \(holders) replicas")
        }

        try await a.stop()
        // b's loops ask again at every retry interval of the clock; PostgreSQL freed a's locks as it let them go.
        await waitUntil("b to take over every lease") {
            for lease in leases {
                if await b.holds(lease) { continue }
                if a.clock.sleeperCount > 0 { a.clock.advance(by: Database.leaseRetryInterval) }
                return false
            }
            return true
        }
        for lease in leases { #expect(await !a.holds(lease), "\(lease) is still held by the stopped replica") }
        try await b.stop()
    }
}

extension Platform {
    /// Whether this replica holds the lease `name` now.
    func holds(_ name: String) async -> Bool {
        await services.database.engine.holdsLease(name)
    }
}
