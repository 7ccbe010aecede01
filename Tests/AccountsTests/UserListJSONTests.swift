@testable import Accounts
import Kernel
import Testing
import TestSupport

/// The list route answers with ``Accounts/listUsersJSON(_:_:)``, written from the rows as they are read; it must be
/// byte for byte the JSON of ``Accounts/listUsers(_:_:)``'s page, as `JSONWriter` and `JSON.encoder` write it.
@Suite(.databases) struct UserListJSONTests {
    /// Users of every shape a page holds: every field and text that needs escaping or is not ASCII, the optional
    /// fields absent, deleted, and with a broker link connected and disconnected.
    func seeded() async throws -> (f: AccountsFixture, scope: TenantScope, ids: [String]) {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let scope = try await f.principal(acme, .live).scope
        let plan = try await f.defaultPlan(scope)
        var ids = [String]()
        var full = f.newUser("full@example.com", plan: plan)
        full.name = "Asha \"A\" Rao\\ é€😀\u{0}\t\u{1F}"
        full.externalID = "ext/7 </script>"
        ids.append(try await f.accounts.createUser(scope, full).user.id)
        ids.append(try await f.accounts.createUser(scope, f.newUser("bare@example.com", plan: plan)).user.id)
        let deleted = try await f.accounts.createUser(scope, f.newUser("gone@example.com", plan: plan)).user.id
        _ = try await f.accounts.deleteUser(scope, deleted)
        ids.append(deleted)
        for (email, disconnect) in [("linked@example.com", false), ("unlinked@example.com", true)] {
            let session = try await f.accounts.signup(ClientSignup(operator: "acme", email: email, phone: "+14155550100"))
            let client = try #require(await f.accounts.authenticateClient(sessionToken: session.sessionToken))
            _ = try await f.accounts.connectBroker(
                client, BrokerLink(broker: "Zerodha", clientCode: "AB123434", expiresAt: f.clock.now() + .seconds(3600)))
            if disconnect { _ = try await f.accounts.disconnectBroker(client) }
            ids.append(client.userID)
        }
        return (f, scope, ids)
    }

    @Test func listUsersJSON_writesTheBytesOfListUsersPage_forEveryShapeOfUserAndQuery() async throws {
        let (f, scope, ids) = try await seeded()
        let plan = try await f.defaultPlan(scope)
        let queries = [
            UserQuery(), UserQuery(limit: 1), UserQuery(limit: 4), UserQuery(limit: 5), UserQuery(limit: 6), UserQuery(limit: 100),
            UserQuery(limit: 2, startingAfter: ids[3]), UserQuery(status: "deleted"), UserQuery(status: "active"),
            UserQuery(email: "FULL@example.com"), UserQuery(email: "nobody@example.com"), UserQuery(planID: plan),
            UserQuery(planID: "plan_other"), UserQuery(limit: 1, startingAfter: ids[1], planID: plan, status: "active"),
        ]
        for query in queries {
            let page = try await f.accounts.listUsers(scope, query)
            let written = try await f.accounts.listUsersJSON(scope, query)
            #expect(written == JSONWriter.encode(page), "\(query)")
            #expect(written == Array(try JSON.encode(page)), "\(query)")
        }
        // Every filter at once: each placeholder takes its own argument.
        let combined = try await f.accounts.listUsers(scope, UserQuery(limit: 1, startingAfter: ids[1], planID: plan, status: "active"))
        #expect(combined.data.map(\.id) == [ids[0]] && !combined.hasMore)
        let deleted = try await f.accounts.listUsers(scope, UserQuery(startingAfter: ids[3], planID: plan, email: "gone@example.com", status: "deleted"))
        #expect(deleted.data.map(\.id) == [ids[2]])
        let all = try await f.accounts.listUsers(scope, UserQuery())
        #expect(all.data.count == 5 && all.data.contains { $0.broker != nil } && all.data.contains { $0.name?.contains("\u{0}") == true })
    }

    @Test func listUsersJSON_refusesTheQueriesListUsersRefuses() async throws {
        let (f, scope, _) = try await seeded()
        for query in [UserQuery(limit: 0), UserQuery(limit: 101), UserQuery(status: "purged"), UserQuery(email: "not-an-email"),
                      UserQuery(startingAfter: "usr_unknown")] {
            let expected = await #expect(throws: DomainError.self) { _ = try await f.accounts.listUsers(scope, query) }
            let refused = await #expect(throws: DomainError.self) { _ = try await f.accounts.listUsersJSON(scope, query) }
            #expect(refused?.code == expected?.code && refused?.fields.map(\.field) == expected?.fields.map(\.field), "\(query)")
        }
    }
}
