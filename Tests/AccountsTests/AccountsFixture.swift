@testable import Accounts
import Foundation
import Kernel
import Testing
import TestSupport

/// A real Accounts actor on a fresh database (of the engine this run tests), with a manual clock and one operator ready.
struct AccountsFixture {
    let clock = ManualClock(Timestamp(milliseconds: 1_790_000_000_000))
    let test = TestDatabase()
    let database: Database
    let accounts: Accounts
    /// What this process hears on the key channel (after Accounts' own handler has acted on it).
    let keyChanges: NotificationRecorder

    init() async throws {
        database = try test.open(clock: clock)
        try await database.migrate(AccountsSchema.migrations)
        accounts = Accounts(database: database, settings: Self.settings)
        keyChanges = NotificationRecorder(database, channel: Accounts.keysChannel)
        // PostgreSQL's listener drops every cached key once it starts listening: before the test caches any.
        if TestDatabase.engine == .postgres { await keyChanges.wait(for: .mayHaveMissed) }
    }

    static var settings: Accounts.Settings {
        var settings = Accounts.Settings()
        settings.passwordIterations = 210_000
        return settings
    }

    /// Another replica on the same database: a second `Database` with its own Accounts actor.
    func replica() throws -> (database: Database, accounts: Accounts) {
        let database = try test.open(clock: clock)
        return (database, Accounts(database: database, settings: Self.settings))
    }

    func makeOperator(_ slug: String = "acme") async throws -> CreatedOperator {
        try await accounts.createOperator(NewOperator(name: slug.capitalized, slug: slug))
    }

    func principal(_ created: CreatedOperator, _ mode: Mode) async throws -> KeyPrincipal {
        try #require(await accounts.authenticate(apiKey: created.keys[mode]!))
    }

    func defaultPlan(_ scope: TenantScope) async throws -> String {
        try await accounts.listPlans(scope).first { $0.isDefault }!.id
    }

    func newUser(_ email: String, plan: String, phone: String = "+919876543210") -> NewUser {
        NewUser(email: email, phone: phone, planID: plan)
    }

    /// Events in the outbox, oldest first, optionally of one type.
    func events(_ type: String? = nil) async throws -> [Event] {
        try await database.read { tx in
            try tx.query("SELECT sequence, id, type, tenant, mode, occurred_at, payload FROM bus_events ORDER BY sequence").map {
                Event(sequence: try $0.get("sequence"), id: try $0.get("id"), type: try $0.get("type"), tenant: try $0.get("tenant"),
                      mode: try $0.get("mode"), occurredAt: try $0.get("occurred_at"), payload: try $0.get("payload"))
            }
        }.filter { type == nil || $0.type == type }
    }
}
