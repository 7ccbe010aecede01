import Accounts
import Assembly
import Billing
import Foundation
import Gateway
import HTTPAPI
import HTTPServer
import Kernel
import RateLimit
import Strategies
import TestSupport
import Webhooks

/// The whole operator API in process, assembled by the binary's own ``Services``: real actors on a fresh database
/// (of the engine this run tests), a running bus, a manual clock, and the Gateway the server serves. Two operators are ready, each with
/// live and test keys.
public struct OperatorAPIFixture: Sendable {
    public static let adminToken = "admin-token-for-tests-0123456789"
    public let clock: ManualClock
    public let services: Services
    public let gateway: Gateway
    public let acme: CreatedOperator
    public let beta: CreatedOperator
    /// The database it runs on, for a second replica (``init(replicaOf:)``).
    public let testDatabase: TestDatabase

    public var database: Database { services.database }
    public var bus: EventBus { services.bus }
    public var accounts: Accounts { services.accounts }
    public var webhooks: Webhooks { services.webhooks }
    public var rateLimit: RateLimit { services.rateLimit }
    public var billing: Billing { services.billing }

    /// - Parameters:
    ///   - test: the database; a fresh one by default (an upgrade test passes an old release's SQLite file).
    ///   - now: where the manual clock starts.
    ///   - configure: changes to the test configuration (cheap password hashing, private webhook targets).
    public init(
        database test: TestDatabase = TestDatabase(),
        now: Timestamp = Timestamp(milliseconds: 1_790_000_000_000),
        configure: (inout Services.Configuration) -> Void = { _ in }
    ) async throws {
        clock = ManualClock(now)
        testDatabase = test
        var configuration = Services.Configuration()
        configuration.accounts.passwordIterations = 1000
        configuration.webhooks.allowPrivateTargets = true
        configuration.storage = test.settings
        configuration.masterKeyFile = test.masterKeyFile
        configure(&configuration)
        services = try await Services.open(at: test.location, configuration, clock: clock, logger: .discard)
        _ = test.adopt(services.database)
        _ = try await services.accounts.prepareAdminToken(configured: Self.adminToken)
        await services.bus.start()
        gateway = services.gateway(logger: .discard)
        acme = try await services.accounts.createOperator(NewOperator(name: "Acme", slug: "acme"))
        beta = try await services.accounts.createOperator(NewOperator(name: "Beta", slug: "beta"))
        try await services.bus.drain()
    }

    /// A second replica of `primary`: the binary's assembly opened again on the same database (connections, actors,
    /// caches and Gateway of its own; the same clock and master key), serving the same operators, as a second `serve`
    /// process would. Its bus is not started: the primary's handles the events.
    public init(replicaOf primary: OperatorAPIFixture) async throws {
        clock = primary.clock
        testDatabase = primary.testDatabase
        services = try await Services.open(at: testDatabase.location, primary.services.configuration, clock: clock, logger: .discard)
        _ = testDatabase.adopt(services.database)
        gateway = services.gateway(logger: .discard)
        (acme, beta) = (primary.acme, primary.beta)
    }

    /// Sends a request with `token` as the bearer credential and a JSON body.
    public func call(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil, headers: [String: String] = [:],
              from address: String = "127.0.0.1") async -> HTTPResponse {
        var fields = HTTPHeaders()
        if let token { fields["Authorization"] = "Bearer \(token)" }
        if json != nil { fields["Content-Type"] = "application/json" }
        for (name, value) in headers { fields[name] = value }
        return await gateway.handle(HTTPRequest(method: method, target: path, headers: fields, body: Array((json ?? "").utf8), remoteAddress: address))
    }

    public func key(_ op: CreatedOperator, _ mode: Mode) -> String { op.keys[mode]! }

    public func defaultPlan(_ op: CreatedOperator, _ mode: Mode) async throws -> String {
        try await accounts.listPlans(TenantScope(operatorID: op.operator.id, mode: mode)).first!.id
    }

    /// Creates a user through the API and returns its JSON.
    public func createUser(_ op: CreatedOperator, _ mode: Mode, email: String) async throws -> JSONValue {
        let response = await call(.post, "/v1/wl/users", token: key(op, mode),
                                  json: #"{"email":"\#(email)","phone":"+919876543210","plan_id":"\#(try await defaultPlan(op, mode))"}"#)
        precondition(response.status == 201, String(decoding: response.body, as: UTF8.self))
        return response.json
    }
}
