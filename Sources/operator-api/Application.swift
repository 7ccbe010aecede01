import Accounts
import Foundation
import Gateway
import HTTPServer
import Kernel
import OperatorCLI

/// The composition root: opens the services, starts the bus, the background jobs and the HTTP server, and stops
/// them in reverse order on SIGTERM or SIGINT.
struct Application {
    let options: ServeOptions
    let logger: Logger
    let clock: any WallClock = SystemClock()

    init(options: ServeOptions) {
        self.options = options
        logger = Logger(minimum: options.logLevel)
    }

    static func migrate(_ options: ServeOptions) async throws -> [Migration] {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        return try await database.migrate(Services.migrations)
    }

    static func backup(_ options: ServeOptions, to destination: String) async throws {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        try await database.backup(to: destination)
    }

    /// Creates an operator without a running server (its `operator.created` event reaches the other modules at
    /// the next start) and returns the same JSON the admin API answers.
    static func createOperator(_ input: NewOperator, _ options: ServeOptions) async throws -> String {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        try await database.migrate(Services.migrations)
        let created = try await Accounts(database: database).createOperator(input)
        return try JSON.encodeString(created)
    }

    /// Runs until SIGTERM or SIGINT, then stops in reverse start order and returns.
    func serve() async throws {
        let signals = ShutdownSignals()
        let services = try await Services.open(options, clock: clock, logger: logger)
        if let generated = try await services.accounts.prepareAdminToken(configured: options.adminToken) {
            // Printed once, to the terminal only: logs never carry secrets. Only its hash is stored.
            print("Generated the platform admin token (shown once; set OPERATOR_API_ADMIN_TOKEN to choose your own): \(generated)")
        }
        try await IdempotencyMiddleware(database: services.database).recover()

        await services.bus.start()
        let jobs = BackgroundJobs()
        startJobs(jobs, services)

        let reference = ServerReference()
        var dependencies = APIDependencies(
            database: services.database, bus: services.bus, accounts: services.accounts, strategies: services.strategies,
            billing: services.billing, webhooks: services.webhooks,
            rateLimit: services.rateLimit, expectedMigrations: Services.migrations, logger: logger,
            openConnections: { reference.value?.openConnections ?? 0 })
        // Benchmark knob (README): measures the gateway with the limiter off. Never set in production.
        dependencies.enforceQuotas = ProcessInfo.processInfo.environment["OPERATOR_API_BENCH_NO_QUOTAS"] != "1"
        let gateway = Gateway.operatorAPI(dependencies)
        let server = HTTPServer(configuration: serverConfiguration(errorResponder: gateway.protocolErrorResponse), handler: gateway)
        reference.set(server)
        let port = try server.start()
        logger.info("operator-api started", ["version": OperatorAPI.version, "host": options.host, "port": "\(port)"])

        let signal = await signals.next()
        logger.info("shutting down", ["signal": "\(signal)"])
        await server.shutdown(drainTimeout: .seconds(10))
        await services.webhooks.dispatcher.stop(drainTimeout: .seconds(5))
        await services.strategies.stopPushWorker()
        await jobs.stop()
        try? await services.rateLimit.persist()
        await services.bus.stop()
        logger.info("stopped")
    }

    private func startJobs(_ jobs: BackgroundJobs, _ services: Services) {
        let logger = self.logger
        Task { await services.webhooks.dispatcher.start() }
        jobs.start { await services.strategies.startPushWorker() }
        jobs.start { await services.billing.runRollupScheduler(bus: services.bus) }
        jobs.start { await services.billing.runAlertSender() }
        jobs.start { await services.accounts.runMaintenanceLoop(logger: logger) }
        jobs.start { await services.rateLimit.runPersistenceLoop(logger: logger) }
        jobs.start { await Self.pruneOutbox(services.bus, clock: services.database.clock, logger: logger) }
    }

    /// Prunes the outbox once an hour (events are kept 30 days for the events API and replays).
    private static func pruneOutbox(_ bus: EventBus, clock: any WallClock, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let pruned = try await bus.prune()
                if pruned > 0 { logger.info("outbox pruned", ["events": "\(pruned)"]) }
                try await clock.sleep(for: .seconds(3600))
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox prune failed", ["error": "\(error)"])
                try? await clock.sleep(for: .seconds(3600))
            }
        }
    }

    private func serverConfiguration(errorResponder: @escaping @Sendable (Int, String) -> HTTPResponse) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(host: options.host, port: options.port)
        configuration.maxBodyBytes = options.maxBodyBytes
        configuration.errorResponder = errorResponder
        return configuration
    }
}
