import Dashboard
import Gateway
import HTTPAPI
import Kernel

extension Services {
    /// The full operator API and its dashboard over these services: every area's routes, the real authenticators
    /// (and the metrics token's, when one is set) behind the failed-attempt throttle, the quotas (unless the
    /// configuration turns them off; user creations are charged after the idempotency step, so replays cost
    /// nothing), idempotency keys sealed under the master key, readiness checks and metrics.
    /// - Parameter openConnections: the HTTP server's count of open connections, for `/metrics`.
    public func gateway(logger: Logger, openConnections: (@Sendable () -> Int)? = nil) -> Gateway {
        let throttle = AuthenticationThrottle(limits: rateLimit)
        var plain: [any Authenticator] = [
            OperatorKeyAuthenticator(accounts: accounts), AdminAuthenticator(accounts: accounts), ClientSessionAuthenticator(accounts: accounts),
        ]
        if let token = configuration.metricsToken { plain.append(MetricsTokenAuthenticator(token: token)) }
        let gatewayConfiguration = GatewayConfiguration(
            logger: logger, clock: database.clock,
            readinessChecks: [.database(database), .migrations(database, expected: Self.migrations), .bus(bus)],
            authenticators: plain.map { ThrottledAuthenticator($0, throttle: throttle) },
            rateLimiter: configuration.enforceQuotas ? QuotaLimiter(limits: rateLimit, operatorID: { try await accounts.operatorID(slug: $0) }) : nil,
            middleware: [IdempotencyMiddleware(database: database, masterKey: masterKey)]
                + (configuration.enforceQuotas ? [UserCreationQuota(limits: rateLimit)] : []),
            openConnections: openConnections,
            metricsCollectors: [BusMetrics(bus: bus), StorageMetrics(database: database), WebhookMetrics(webhooks: webhooks)],
            trustedProxies: TrustedProxies(configuration.trustedProxies))
        let routes = Routes.operators(accounts) + Routes.keys(accounts) + Routes.users(accounts)
            + Routes.client(accounts, throttle: throttle) + Routes.strategies(strategies) + Routes.billing(billing)
            + Routes.webhooks(webhooks) + Routes.limits(rateLimit, webhooks: webhooks) + Routes.testClock(testClocks)
            + Routes.dashboard(accounts: accounts, webhooks: webhooks, rateLimit: rateLimit, billing: billing, testClocks: testClocks, throttle: throttle)
        return Gateway(configuration: gatewayConfiguration, routes: routes,
                       webhooks: Routes.accountsWebhooks + Routes.strategyWebhooks + Routes.billingWebhooks + Routes.webhooksWebhooks)
    }
}
