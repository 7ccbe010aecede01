import Accounts
import Foundation
import Gateway
import HTTPAPI
import HTTPServer
import Kernel
import OperatorCLI

/// What the binary's commands do: `serve` runs the assembled services and the HTTP server until SIGTERM or
/// SIGINT; the maintenance commands open the database, act and return.
public struct Application {
    public static let version = "0.1.0"

    let options: ServeOptions
    let logger: Logger
    let clock: any WallClock = SystemClock()

    public init(options: ServeOptions) {
        self.options = options
        logger = Logger(minimum: options.logLevel)
    }

    public static func migrate(_ options: ServeOptions) async throws -> [Migration] {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        return try await database.migrate(Services.migrations)
    }

    public static func backup(_ options: ServeOptions, to destination: String) async throws {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        try await database.backup(to: destination)
    }

    /// Creates an operator without a running server (its `operator.created` event reaches the other modules at
    /// the next start) and returns the same JSON the admin API answers.
    public static func createOperator(_ input: NewOperator, _ options: ServeOptions) async throws -> String {
        let database = try Database(path: options.databasePath, clock: SystemClock(), settings: options.storageSettings)
        try await database.migrate(Services.migrations)
        let created = try await Accounts(database: database).createOperator(input)
        return try JSON.encodeString(created)
    }

    /// Runs until SIGTERM or SIGINT, then stops every service in reverse start order and returns.
    /// - Throws: ``ServiceGroupError`` when a service died.
    public func serve() async throws {
        let signals = ShutdownSignals()
        let services = try await Services.open(at: options.databasePath, Services.Configuration(options), clock: clock, logger: logger)
        if let generated = try await services.accounts.prepareAdminToken(configured: options.adminToken) {
            // Printed once, to the terminal only: logs never carry secrets. Only its hash is stored.
            print("Generated the platform admin token (shown once; set OPERATOR_API_ADMIN_TOKEN to choose your own): \(generated)")
        }
        try await IdempotencyMiddleware(database: services.database, masterKey: services.masterKey).recover()

        let reference = ServerReference()
        let gateway = services.gateway(logger: logger, openConnections: { reference.value?.openConnections ?? 0 })
        let server = HTTPServer(configuration: serverConfiguration(errorResponder: gateway.protocolErrorResponse), handler: gateway)
        reference.set(server)
        let (logger, host) = (logger, options.host)
        let http = BackgroundService.started("http", start: {
            let port = try server.start()
            logger.info("operator-api started", ["version": Self.version, "host": host, "port": "\(port)"])
        }, stop: {
            await server.shutdown(drainTimeout: .seconds(10))
        })
        try await ServiceGroup(services.backgroundServices(logger: logger) + [http], logger: logger).run {
            let signal = await signals.next()
            logger.info("shutting down", ["signal": "\(signal)"])
        }
        logger.info("stopped")
    }

    private func serverConfiguration(errorResponder: @escaping @Sendable (Int, String) -> HTTPResponse) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(host: options.host, port: options.port)
        configuration.maxBodyBytes = options.maxBodyBytes
        configuration.maxConnectionsPerAddress = options.maxConnectionsPerAddress
        configuration.firstByteTimeout = options.firstByteTimeout
        configuration.errorResponder = errorResponder
        return configuration
    }
}
