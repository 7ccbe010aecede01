import Accounts
import Billing
import Gateway
import Kernel
import RateLimit
import Strategies
import Webhooks

/// The database, the bus and every domain actor, subscribed to the bus in one place: the one assembly the binary
/// serves, the tests drive and the benchmarks measure.
public struct Services: Sendable {
    public let database: Database
    public let bus: EventBus
    public let accounts: Accounts
    public let strategies: Strategies
    public let billing: Billing
    public let webhooks: Webhooks
    public let rateLimit: RateLimit
    /// The sandboxes' test clocks, which run Accounts' and Billing's calendars as a clock moves.
    public let testClocks: TestClocks
    public let configuration: Configuration
    /// The key that seals secrets at rest (webhook signing secrets, idempotent answers), from its file.
    public let masterKey: MasterKey

    /// Every module's schema, applied at start-up.
    public static let migrations = AccountsSchema.migrations + StrategiesSchema.migrations + BillingSchema.migrations
        + WebhooksSchema.migrations + RateLimitSchema.migrations + GatewaySchema.migrations + SandboxClockSchema.migrations

    /// Opens the database at `location` (an SQLite file is created with its folder if missing), applies pending
    /// migrations, loads the master key (creating its file on a first start: beside an SQLite database, where
    /// `--master-key-file` says for PostgreSQL), seals secrets an earlier release kept in plain text, restores the
    /// quotas' buckets, builds the actors and subscribes their handlers to the bus. Nothing runs yet: the bus and the
    /// loops are ``backgroundServices(logger:)``.
    /// - Throws: ``SealingError`` when the key file cannot be read or made (or, for PostgreSQL, is not named), or the
    ///   database's secrets are sealed under another key.
    public static func open(at location: StorageLocation, _ configuration: Configuration, clock: any WallClock, logger: Logger) async throws -> Services {
        let masterKeyFile = try MasterKeyFile.path(configured: configuration.masterKeyFile, for: location)
        let database = try Database(location: location, clock: clock, settings: configuration.storage)
        let applied = try await database.migrate(migrations)
        try await database.loadSandboxClocks()
        logger.info("database ready", [
            "engine": location.dialect.rawValue, "database": location.description, "migrations_applied": "\(applied.count)",
            "durability": configuration.storage.durability.rawValue,
        ])
        let masterKey = try loadMasterKey(masterKeyFile, logger: logger)
        var configuration = configuration
        configuration.webhooks.masterKey = masterKey
        let rateLimit = RateLimit(database: database, settings: configuration.rateLimit)
        try await rateLimit.restore()
        let webhooks = Webhooks(
            database: database, transport: configuration.transport ?? HTTPClientTransport(allowPrivateTargets: configuration.webhooks.allowPrivateTargets), settings: configuration.webhooks, logger: logger,
            subscriptionLimit: { rateLimit.limits(for: $0).limits[.webhookSubscriptions] ?? 10 })
        let bus = EventBus(database: database, logger: logger)
        let accounts = Accounts(database: database, settings: configuration.accounts)
        let billing = Billing(database: database, whatsApp: configuration.whatsApp, settings: configuration.billing, logger: logger)
        let services = Services(
            database: database, bus: bus, accounts: accounts,
            strategies: Strategies(database: database, logger: logger, settings: configuration.strategies),
            billing: billing, webhooks: webhooks, rateLimit: rateLimit,
            testClocks: TestClocks(database: database, bus: bus, calendars: [accounts, billing]),
            configuration: configuration, masterKey: masterKey)
        let sealed = try await webhooks.sealStoredSecrets()
        if sealed > 0 { logger.info("webhook secrets sealed under the master key", ["secrets": "\(sealed)"]) }
        for handler in [services.strategies.eventHandler, services.billing.meter, webhooks.eventHandler, rateLimit.eventHandler] {
            await services.bus.subscribe(handler)
        }
        return services
    }

    /// The master key from `file`, which a first start creates; both are logged (the key never is).
    static func loadMasterKey(_ file: String, logger: Logger) throws -> MasterKey {
        let loaded = try MasterKeyFile.loadOrCreate(file)
        if loaded.created {
            logger.info("master key created", [
                "path": file, "key_id": loaded.key.id.hexString,
                "note": "it seals the webhook secrets in the database: back it up, apart from the database; without it they cannot be read",
            ])
        }
        if loaded.readableByOthers {
            logger.warning("master key file is readable by others than its owner", ["path": file, "fix": "chmod 600 \(file)"])
        }
        return loaded.key
    }
}
