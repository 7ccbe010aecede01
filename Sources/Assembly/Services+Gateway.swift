import Dashboard
import Gateway
import HTTPAPI
import Kernel

extension Services {
    /// The full operator API and its dashboard over these services: every area's routes, the real authenticators
    /// behind the failed-attempt throttle, the quotas (unless the configuration turns them off), idempotency keys,
    /// readiness checks and metrics.
    /// - Parameter openConnections: the HTTP server's count of open connections, for `/metrics`.
    public func gateway(logger: Logger, openConnections: (@Sendable () -> Int)? = nil) -> Gateway {
        let throttle = AuthenticationThrottle(limits: rateLimit)
        let plain: [any Authenticator] = [
            OperatorKeyAuthenticator(accounts: accounts), AdminAuthenticator(accounts: accounts), ClientSessionAuthenticator(accounts: accounts),
        ]
        let gatewayConfiguration = GatewayConfiguration(
            logger: logger, clock: database.clock,
            readinessChecks: [.database(database), .migrations(database, expected: Self.migrations), .bus(bus)],
            authenticators: plain.map { ThrottledAuthenticator($0, throttle: throttle) },
            rateLimiter: configuration.enforceQuotas ? QuotaLimiter(limits: rateLimit) : nil,
            middleware: [IdempotencyMiddleware(database: database)],
            openConnections: openConnections,
            metricsCollectors: [BusMetrics(bus: bus), StorageMetrics(database: database), WebhookMetrics(webhooks: webhooks)])
        let routes = Routes.operators(accounts) + Routes.keys(accounts) + Routes.users(accounts)
            + Routes.client(accounts, throttle: throttle) + Routes.strategies(strategies) + Routes.billing(billing)
            + Routes.webhooks(webhooks) + Routes.limits(rateLimit, webhooks: webhooks)
            + Routes.dashboard(accounts: accounts, webhooks: webhooks, rateLimit: rateLimit, billing: billing, throttle: throttle)
        return Gateway(configuration: gatewayConfiguration, routes: routes,
                       webhooks: Routes.accountsWebhooks + Routes.strategyWebhooks + Routes.billingWebhooks + Routes.webhooksWebhooks)
    }
}
