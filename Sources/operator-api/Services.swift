import Accounts
import Billing
import Foundation
import Gateway
import Kernel
import OperatorCLI
import RateLimit
import Strategies
import Webhooks

/// The database, the bus and every domain actor, subscribed to the bus in one place.
struct Services {
    let database: Database
    let bus: EventBus
    let accounts: Accounts
    let strategies: Strategies
    let billing: Billing
    let webhooks: Webhooks
    let rateLimit: RateLimit

    /// Every module's schema, applied at start-up.
    static let migrations = AccountsSchema.migrations + StrategiesSchema.migrations + BillingSchema.migrations
        + WebhooksSchema.migrations + RateLimitSchema.migrations + GatewaySchema.migrations

    /// Opens the database, applies pending migrations and builds the actors (nothing runs yet).
    static func open(_ options: ServeOptions, clock: any WallClock, logger: Logger) async throws -> Services {
        let database = try Database(path: options.databasePath, clock: clock, settings: options.storageSettings)
        let applied = try await database.migrate(migrations)
        logger.info("database ready", [
            "path": options.databasePath, "migrations_applied": "\(applied.count)", "durability": options.durability.rawValue,
        ])
        let environment = ProcessInfo.processInfo.environment
        var rateLimitSettings = RateLimit.Settings()
        if let failures = environment["OPERATOR_API_AUTH_FAILURES_PER_ADDRESS"].flatMap(Int.init), failures > 0 {
            rateLimitSettings.authFailuresPerAddress = failures
        }
        let rateLimit = RateLimit(database: database, settings: rateLimitSettings)
        try await rateLimit.restore()
        var webhookSettings = Webhooks.Settings()
        webhookSettings.allowPrivateTargets = options.webhookAllowPrivate
        if let base = environment["OPERATOR_API_WEBHOOK_RETRY_BASE_MS"].flatMap(Int64.init), base > 0 {
            webhookSettings.retrySchedule.base = .milliseconds(base)
        }
        if let timeout = environment["OPERATOR_API_WEBHOOK_TIMEOUT_MS"].flatMap(Int64.init), timeout > 0 {
            webhookSettings.attemptTimeout = .milliseconds(timeout)
        }
        let webhooks = Webhooks(
            database: database, transport: URLSessionTransport(), settings: webhookSettings, logger: logger,
            subscriptionLimit: { rateLimit.limits(for: $0).limits[.webhookSubscriptions] ?? 10 })
        let services = Services(
            database: database, bus: EventBus(database: database, logger: logger), accounts: Accounts(database: database),
            strategies: Strategies(database: database, logger: logger),
            billing: Billing(database: database, whatsApp: WhatsAppConfiguration(), logger: logger),
            webhooks: webhooks, rateLimit: rateLimit)
        for handler in [services.strategies.eventHandler, services.billing.meter, webhooks.eventHandler, rateLimit.eventHandler] {
            await services.bus.subscribe(handler)
        }
        return services
    }
}
