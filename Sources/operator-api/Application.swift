import Accounts
import Billing
import Gateway
import Kernel
import OperatorCLI
import RateLimit
import Strategies
import Webhooks

/// The composition root: opens the database, wires the domain actors to the bus and the gateway, runs, drains.
struct Application {
    let options: ServeOptions
    let logger: Logger
    let clock: any WallClock = SystemClock()

    init(options: ServeOptions) {
        self.options = options
        logger = Logger(minimum: options.logLevel)
    }

    /// Every module's schema, applied in module order at start-up.
    static let migrations = AccountsSchema.migrations + StrategiesSchema.migrations + BillingSchema.migrations
        + WebhooksSchema.migrations + RateLimitSchema.migrations + GatewaySchema.migrations

    static func migrate(_ options: ServeOptions) async throws -> [Migration] {
        let database = try Database(path: options.databasePath, clock: SystemClock())
        return try await database.migrate(migrations)
    }

    static func backup(_ options: ServeOptions, to destination: String) async throws {
        let database = try Database(path: options.databasePath, clock: SystemClock())
        try await database.backup(to: destination)
    }

    /// Runs until SIGTERM or SIGINT, then stops in reverse start order and returns.
    func serve() async throws {
        let signals = ShutdownSignals()
        let database = try Database(path: options.databasePath, clock: clock)
        let applied = try await database.migrate(Self.migrations)
        logger.info("database ready", ["path": options.databasePath, "migrations_applied": "\(applied.count)"])

        let bus = EventBus(database: database, logger: logger)
        await bus.start()
        logger.info("operator-api started", ["version": OperatorAPI.version])

        let signal = await signals.next()
        logger.info("shutting down", ["signal": "\(signal)"])
        await bus.stop()
        logger.info("stopped")
    }
}
