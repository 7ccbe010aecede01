import Accounts
import Billing
import Foundation
@testable import Gateway
import HTTPServer
import Kernel
import RateLimit
import Strategies
import Webhooks

/// The whole operator API in process: real actors on a fresh SQLite file, a real bus, a manual clock, and the
/// Gateway assembled exactly as the server assembles it. Two operators are ready, each with live and test keys.
struct OperatorAPIFixture {
    static let adminToken = "admin-token-for-tests-0123456789"
    let clock: ManualClock
    let database: Database
    let bus: EventBus
    let accounts: Accounts
    let webhooks: Webhooks
    let rateLimit: RateLimit
    let billing: Billing
    let gateway: Gateway
    let acme: CreatedOperator
    let beta: CreatedOperator

    static let migrations = AccountsSchema.migrations + StrategiesSchema.migrations + BillingSchema.migrations + WebhooksSchema.migrations
        + RateLimitSchema.migrations + GatewaySchema.migrations

    /// - Parameters:
    ///   - path: the database file; a fresh one in a temp folder by default (an upgrade test passes an old release's).
    ///   - now: where the manual clock starts.
    init(databaseAt path: String = NSTemporaryDirectory() + "api-tests-" + UUID().uuidString + "/db.sqlite",
         now: Timestamp = Timestamp(milliseconds: 1_790_000_000_000)) async throws {
        clock = ManualClock(now)
        database = try Database(path: path, clock: clock)
        try await database.migrate(Self.migrations)
        var accountSettings = Accounts.Settings()
        accountSettings.passwordIterations = 1000
        accounts = Accounts(database: database, settings: accountSettings)
        _ = try await accounts.prepareAdminToken(configured: Self.adminToken)
        rateLimit = RateLimit(database: database)
        var settings = Webhooks.Settings()
        settings.allowPrivateTargets = true
        let limits = rateLimit
        webhooks = Webhooks(database: database, transport: URLSessionTransport(), settings: settings,
                            subscriptionLimit: { limits.limits(for: $0).limits[.webhookSubscriptions] ?? 10 })
        billing = Billing(database: database)
        bus = EventBus(database: database)
        await bus.subscribe(billing.meter)
        await bus.subscribe(webhooks.eventHandler)
        await bus.subscribe(rateLimit.eventHandler)
        let strategies = Strategies(database: database)
        await bus.subscribe(strategies.eventHandler)
        await bus.start()
        gateway = Gateway.operatorAPI(APIDependencies(
            database: database, bus: bus, accounts: accounts, strategies: strategies, billing: billing, webhooks: webhooks, rateLimit: rateLimit,
            expectedMigrations: Self.migrations, logger: .discard))
        acme = try await accounts.createOperator(NewOperator(name: "Acme", slug: "acme"))
        beta = try await accounts.createOperator(NewOperator(name: "Beta", slug: "beta"))
        try await bus.drain()
    }

    /// Sends a request with `token` as the bearer credential and a JSON body.
    func call(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil, headers: [String: String] = [:],
              from address: String = "127.0.0.1") async -> HTTPResponse {
        var fields = HTTPHeaders()
        if let token { fields["Authorization"] = "Bearer \(token)" }
        if json != nil { fields["Content-Type"] = "application/json" }
        for (name, value) in headers { fields[name] = value }
        return await gateway.handle(HTTPRequest(method: method, target: path, headers: fields, body: Array((json ?? "").utf8), remoteAddress: address))
    }

    func key(_ op: CreatedOperator, _ mode: Mode) -> String { op.keys[mode]! }

    func defaultPlan(_ op: CreatedOperator, _ mode: Mode) async throws -> String {
        try await accounts.listPlans(TenantScope(operatorID: op.operator.id, mode: mode)).first!.id
    }

    /// Creates a user through the API and returns its JSON.
    func createUser(_ op: CreatedOperator, _ mode: Mode, email: String) async throws -> JSONValue {
        let response = await call(.post, "/v1/wl/users", token: key(op, mode),
                                  json: #"{"email":"\#(email)","phone":"+919876543210","plan_id":"\#(try await defaultPlan(op, mode))"}"#)
        precondition(response.status == 201, String(decoding: response.body, as: UTF8.self))
        return response.json
    }
}
