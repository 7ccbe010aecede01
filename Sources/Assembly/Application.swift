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
        try await open(options).migrate(Services.migrations)
    }

    /// What `backup` did.
    public enum BackupOutcome: Equatable, Sendable {
        /// The SQLite database was copied to the destination.
        case written
        /// Nothing was written: a PostgreSQL database is backed up with this `pg_dump` command.
        case usePgDump(command: String)
    }

    /// Copies an SQLite database to `destination`; for PostgreSQL, opens nothing and names the `pg_dump` command.
    public static func backup(_ options: ServeOptions, to destination: String) async throws -> BackupOutcome {
        if case .postgres(let url) = options.storageLocation {
            return .usePgDump(command: PostgresEngine.backupCommand(url: url, to: destination))
        }
        try await open(options).backup(to: destination)
        return .written
    }

    /// Creates an operator without a running server (its `operator.created` event reaches the other modules at
    /// the next start) and returns the same JSON the admin API answers.
    public static func createOperator(_ input: NewOperator, _ options: ServeOptions) async throws -> String {
        let database = try open(options)
        try await database.migrate(Services.migrations)
        let created = try await Accounts(database: database).createOperator(input)
        return try JSON.encodeString(created)
    }

    static func open(_ options: ServeOptions) throws -> Database {
        try Database(location: options.storageLocation, clock: SystemClock(), settings: options.storageSettings)
    }

    /// How a command that threw ends: the line to print after `error: ` and the exit status.
    public struct Failure {
        public let message: String
        public let exitStatus: Int32

        public init(_ error: any Error) {
            if let error = error as? StorageError, error.code == .clientLibraryMissing {
                // The machine lacks libpq, nothing is wrong with the data: one line, and a usage error's status.
                (message, exitStatus) = (error.message, UsageError.exitStatus)
            } else if let error = error as? CopyError, error.isRefusal {
                // Nothing was copied and nothing is broken: the command was run at the wrong time or place.
                (message, exitStatus) = (error.message, UsageError.exitStatus)
            } else {
                (message, exitStatus) = ("\(error)", 1)
            }
        }
    }

    /// Runs until SIGTERM or SIGINT, then stops every service in reverse start order, closes the database and returns.
    /// - Throws: ``ServiceGroupError`` when a service died.
    public func serve() async throws {
        let signals = ShutdownSignals()
        let services = try await Services.open(at: options.storageLocation, Services.Configuration(options), clock: clock, logger: logger)
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
        // Every service has stopped: commit what is queued and end the connections (PostgreSQL's included) cleanly.
        await services.database.close()
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
