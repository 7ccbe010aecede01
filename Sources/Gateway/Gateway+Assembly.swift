import Accounts
import Billing
import Kernel
import RateLimit
import Strategies
import Webhooks

/// Everything the operator API is built from: the composition root and the integration tests assemble the same
/// Gateway from it.
public struct APIDependencies: Sendable {
    public let database: Database
    public let bus: EventBus
    public let accounts: Accounts
    public let strategies: Strategies
    public let billing: Billing
    public let webhooks: Webhooks
    public let rateLimit: RateLimit
    public let expectedMigrations: [Migration]
    public let logger: Logger
    public let openConnections: (@Sendable () -> Int)?
    /// Whether quotas are enforced. Only benchmarks turn them off, to measure what the limiter costs.
    public var enforceQuotas = true

    public init(
        database: Database, bus: EventBus, accounts: Accounts, strategies: Strategies, billing: Billing, webhooks: Webhooks,
        rateLimit: RateLimit,
        expectedMigrations: [Migration], logger: Logger, openConnections: (@Sendable () -> Int)? = nil
    ) {
        self.database = database
        self.bus = bus
        self.accounts = accounts
        self.strategies = strategies
        self.billing = billing
        self.webhooks = webhooks
        self.rateLimit = rateLimit
        self.expectedMigrations = expectedMigrations
        self.logger = logger
        self.openConnections = openConnections
    }
}

extension Gateway {
    /// The full operator API and its dashboard: every area's routes, the real authenticators behind the failed-attempt throttle,
    /// the quotas, idempotency keys, readiness checks and metrics.
    public static func operatorAPI(_ d: APIDependencies) -> Gateway {
        let plain: [any Authenticator] = [
            OperatorKeyAuthenticator(accounts: d.accounts), AdminAuthenticator(accounts: d.accounts),
            ClientSessionAuthenticator(accounts: d.accounts),
        ]
        let configuration = GatewayConfiguration(
            logger: d.logger, clock: d.database.clock,
            readinessChecks: [.database(d.database), .migrations(d.database, expected: d.expectedMigrations), .bus(d.bus)],
            authenticators: plain.map { ThrottledAuthenticator($0, limits: d.rateLimit) },
            rateLimiter: d.enforceQuotas ? QuotaLimiter(limits: d.rateLimit) : nil, middleware: [IdempotencyMiddleware(database: d.database)],
            openConnections: d.openConnections, metricsCollectors: [BusMetrics(bus: d.bus), StorageMetrics(database: d.database)])
        let routes = Routes.operators(d.accounts) + Routes.keys(d.accounts) + Routes.users(d.accounts)
            + Routes.client(d.accounts, limits: d.rateLimit) + Routes.strategies(d.strategies, logger: d.logger) + Routes.billing(d.billing)
            + Routes.webhooks(d.webhooks) + Routes.limits(d.rateLimit, webhooks: d.webhooks)
            + Routes.dashboard(accounts: d.accounts, webhooks: d.webhooks, rateLimit: d.rateLimit, billing: d.billing)
        return Gateway(configuration: configuration, routes: routes,
                       webhooks: Routes.accountsWebhooks + Routes.strategyWebhooks + Routes.billingWebhooks)
    }
}
