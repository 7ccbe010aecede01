import Accounts
import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import Foundation
import HTTPServer
import Kernel
import Strategies
import Testing
import Webhooks
import TestSupport

/// A Gateway serving the Strategies routes over a real Strategies actor on a fresh database (of the engine this run tests), with a manual clock
/// and a running event bus. Clients come into being as production makes them: Accounts' events on the bus.
///
/// The cast: operator Acme (test mode) with clients Alice (broker linked) and Bob (no broker), both on
/// `plan_gold`; operator Rival with client Rita. Each has a bearer token; so has a platform admin.
struct StrategiesRoutesFixture {
    static let acme = TenantScope(operatorID: "op_acme", mode: .test)
    static let rival = TenantScope(operatorID: "op_rival", mode: .test)
    static let plan = "plan_gold"

    static let acmeKey = "sk_test_acme"
    static let rivalKey = "sk_test_rival"
    static let adminToken = "adm_root"

    let alice = Identifier.make("usr")
    let bob = Identifier.make("usr")
    let rita = Identifier.make("usr")
    let gateway: Gateway
    let strategies: Strategies
    let database: Database
    let bus: EventBus
    let clock = ManualClock()
    let log = LogCapture()

    init() async throws {
        database = try TestDatabase().open(clock: clock)
        try await database.migrate(StrategiesSchema.migrations)
        strategies = Strategies(database: database)
        bus = EventBus(database: database)
        await bus.subscribe(strategies.eventHandler)
        await bus.start()

        func session(_ userID: String, _ scope: TenantScope) -> Principal {
            Principal(kind: .clientSession, tenant: scope.operatorID, mode: scope.mode, subject: userID)
        }
        gateway = Gateway.make(
            routes: Routes.strategies(strategies), logger: log.logger,
            authenticators: [
                StubAuthenticator(kind: .operatorKey, tokens: [
                    Self.acmeKey: Principal(kind: .operatorKey, tenant: Self.acme.operatorID, mode: .test, subject: "key_acme"),
                    Self.rivalKey: Principal(kind: .operatorKey, tenant: Self.rival.operatorID, mode: .test, subject: "key_rival"),
                ]),
                StubAuthenticator(kind: .clientSession, tokens: [
                    Self.token(alice): session(alice, Self.acme), Self.token(bob): session(bob, Self.acme),
                    Self.token(rita): session(rita, Self.rival),
                ]),
                StubAuthenticator(kind: .admin, tokens: [Self.adminToken: Principal(kind: .admin, tenant: nil, mode: nil, subject: "adm_1")]),
            ],
            webhooks: Routes.strategyWebhooks)

        try await addClient(alice, broker: true)
        try await addClient(bob)
        try await addClient(rita, Self.rival)
    }

    /// Runs `body` with a fresh fixture and removes it afterwards, whether `body` succeeds or throws.
    static func with(_ body: (StrategiesRoutesFixture) async throws -> Void) async throws {
        let fixture = try await StrategiesRoutesFixture()
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    /// The client's session token.
    static func token(_ userID: String) -> String { "sess_" + userID }

    /// Announces a client as Accounts does (`user.created`, then `user.broker_connected` when `broker`).
    func addClient(_ id: String, _ scope: TenantScope = acme, broker: Bool = false) async throws {
        try await publish(AccountsEvent.userCreated, scope, UserCreatedPayload.mock(id: id, planID: Self.plan, livemode: scope.isLive))
        if broker { try await publish(AccountsEvent.userBrokerConnected, scope, BrokerConnectedPayload.mock(userID: id)) }
    }

    /// Publishes an Accounts event and waits until Strategies has applied it.
    func publish(_ type: String, _ scope: TenantScope = acme, _ payload: some Encodable) async throws {
        _ = try await bus.publish(NewEvent(type: type, tenant: scope.operatorID, mode: scope.mode, payload: payload))
        try await bus.drain()
    }

    /// One request as `token`'s holder; a string body is sent as JSON.
    func call(_ method: HTTPMethod, _ path: String, as token: String, body: String? = nil) async -> HTTPResponse {
        await gateway.handle(.make(method, path, headers: ["Authorization": "Bearer \(token)"], body: body))
    }

    func call(_ method: HTTPMethod, _ path: String, as token: String, json: JSONValue) async -> HTTPResponse {
        await call(method, path, as: token, body: String(decoding: json.serialized(), as: UTF8.self))
    }

    /// Pushes a minimal markdown template named `name` to Alice as Acme; returns her newest strategy's id.
    @discardableResult
    func pushToAlice(_ name: String = "Nifty momentum") async throws -> String {
        let template = JSONValue.string("---\nname: \(name)\ninstruments: [NIFTY]\n---\n")
        let response = await call(.post, "/v1/wl/strategies/push", as: Self.acmeKey, json: ["target": ["user_id": .string(alice)], "template": template])
        try #require(response.status == 202, "\(response.text)")
        return try await strategies.listClientStrategies(Self.acme, userID: alice).data[0].id
    }

    /// The webhook bodies of the Strategies events published so far, oldest first, as receivers get them.
    func webhookBodies() async throws -> [JSONValue] {
        let events = try await database.read { tx in
            try tx.query("SELECT sequence, id, type, tenant, mode, occurred_at, payload FROM bus_events WHERE type LIKE 'strategy.%' ORDER BY sequence").map {
                Event(sequence: try $0.get("sequence"), id: try $0.get("id"), type: try $0.get("type"), tenant: try $0.get("tenant"),
                      mode: try $0.get("mode"), occurredAt: try $0.get("occurred_at"), payload: try $0.get("payload"))
            }
        }
        return try events.map { try JSONParser.parse(Array(EventEnvelope.json(for: $0, apiVersion: APIVersion.current).utf8)) }
    }

    func stop() async {
        await bus.stop()
    }
}
