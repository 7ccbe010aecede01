import Accounts
import APITestSupport
import Billing
import Foundation
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Strategies
import Webhooks
import TestSupport

/// A Gateway serving the Billing routes over a real ``Billing`` actor on a fresh database (of the engine this run tests), with a running bus
/// and a manual clock. Tests play Accounts and Strategies by publishing their events on the bus, and call the API
/// with stub credentials: live and test keys of two operators, and an admin token.
struct BillingRoutesFixture {
    static let acme = Identifier.make(.operator)
    static let globex = Identifier.make(.operator)

    /// Operator API keys, named by operator and mode.
    enum Key: String {
        case acmeLive = "sk_live_acme", acmeTest = "sk_test_acme", globexLive = "sk_live_globex"
        /// The key of an operator Billing has not heard of yet (its `operator.created` is still on the way).
        case initechLive = "sk_live_initech"
        /// The platform admin token.
        case admin = "adm_platform"
    }

    let clock: ManualClock
    let database: Database
    let bus: EventBus
    let billing: Billing
    let gateway: Gateway

    /// Starts at `start` (IST) with `acme` and `globex` known to Billing at the default price (₹15 a strategy-day).
    init(at start: String = "2026-11-20 09:00") async throws {
        clock = ManualClock(Self.ist(start))
        database = try TestDatabase().open(clock: clock)
        try await database.migrate(BillingSchema.migrations)
        bus = EventBus(database: database)
        billing = Billing(database: database)
        await bus.subscribe(billing.meter)
        await bus.start()
        let operatorKeys = StubAuthenticator(kind: .operatorKey, tokens: [
            Key.acmeLive.rawValue: Principal(kind: .operatorKey, tenant: Self.acme, mode: .live, subject: "key_acme_live"),
            Key.acmeTest.rawValue: Principal(kind: .operatorKey, tenant: Self.acme, mode: .test, subject: "key_acme_test"),
            Key.globexLive.rawValue: Principal(kind: .operatorKey, tenant: Self.globex, mode: .live, subject: "key_globex_live"),
            Key.initechLive.rawValue: Principal(kind: .operatorKey, tenant: Identifier.make(.operator), mode: .live, subject: "key_initech_live"),
        ])
        let admin = StubAuthenticator(kind: .admin, tokens: [
            Key.admin.rawValue: Principal(kind: .admin, tenant: nil, mode: nil, subject: "adm_1"),
        ])
        gateway = Gateway.make(routes: Routes.billing(billing), authenticators: [operatorKeys, admin], webhooks: Routes.billingWebhooks)
        for id in [Self.acme, Self.globex] {
            try await publish(AccountsEvent.operatorCreated, tenant: id, .live, OperatorSettingsPayload.mock(operatorID: id, strategyDayPricePaise: 1500))
        }
    }

    func stop() async { await bus.stop() }

    // MARK: - Requests

    /// Sends a request with `key`'s bearer token; a body goes as `application/json`.
    func send(_ method: HTTPMethod, _ target: String, _ body: String? = nil, key: Key = .acmeLive) async -> HTTPResponse {
        await gateway.handle(.make(method, target, headers: ["Authorization": "Bearer \(key.rawValue)"], body: body))
    }

    func get(_ target: String, key: Key = .acmeLive) async -> HTTPResponse { await send(.get, target, key: key) }

    /// Tops up `operator`'s wallet through the admin route.
    @discardableResult
    func credit(_ amountPaise: Int64, reference: String, operator id: String = acme, mode: Mode = .live) async -> HTTPResponse {
        await send(.post, "/v1/admin/operators/\(id)/wallet/credits",
                   #"{"amount_paise": \#(amountPaise), "reference": "\#(reference)", "mode": "\#(mode.rawValue)"}"#, key: .admin)
    }

    // MARK: - Time and other modules' events

    /// Sets the clock to an IST wall time, `"2026-11-20 18:30"`.
    func at(_ text: String) { clock.set(to: Self.ist(text)) }

    static func ist(_ text: String) -> Timestamp {
        RFC3339.parse(text.replacingOccurrences(of: " ", with: "T") + ":00+05:30")!
    }

    /// `strategy.deployed` as Strategies publishes it.
    func deploy(_ strategy: String, user: String = "usr_1", plan: String = "plan_basic", broker: String = "zerodha",
                operator id: String = acme, mode: Mode = .live) async throws {
        try await publish(StrategiesEvent.deployed, tenant: id, mode, StrategyDeployedPayload.mock(strategyID: strategy, userID: user, planID: plan, broker: broker))
    }

    /// Publishes at the clock's current time and waits until Billing has applied it.
    private func publish(_ type: String, tenant: String, _ mode: Mode, _ payload: some Encodable) async throws {
        try await bus.publish(NewEvent(type: type, tenant: tenant, mode: mode, payload: payload))
        try await bus.drain()
    }

    /// The events of `type` Billing published for `operator` in `mode`, as the webhook bodies operators receive.
    func webhookBodies(_ type: String, operator id: String = acme, mode: Mode = .live) async throws -> [String] {
        try await database.read { tx in try EventLog.list(tenant: id, mode: mode, types: [type], limit: 100, tx) }
            .map { EventEnvelope.json(for: $0, apiVersion: APIVersion.current) }
    }
}
