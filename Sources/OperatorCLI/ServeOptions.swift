import Billing
import Kernel

/// Every setting of the server and the maintenance commands, parsed once: the flags (each with an environment
/// twin; a flag wins over its twin, and both over the default), the test knobs and the WhatsApp credentials
/// (environment only).
public struct ServeOptions: Equatable, Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// What `--db` names: an SQLite file, or a `postgres://` URL (see ``storageLocation``).
    public var databasePath = "./data/operator-api.sqlite"
    /// The platform admin's bearer token. When nil, `serve` generates one on first start and prints it once.
    public var adminToken: String?
    public var logLevel = Logger.Level.info
    /// Allows webhook endpoints on private addresses and plain `http://` in live mode (tests, local development).
    public var webhookAllowPrivate = false
    /// Largest accepted request body.
    public var maxBodyBytes = 1 << 20
    /// Open connections one client address (an IPv4 address, an IPv6 /64) may hold.
    public var maxConnectionsPerAddress = 256
    /// How long a new connection may stay silent before the server closes it.
    public var firstByteTimeout = Duration.seconds(10)
    /// Test and benchmark settings.
    public var knobs = TestKnobs()
    /// Credentials for WhatsApp low-balance alerts; nil keeps alerts in the inbox.
    public var whatsApp: WhatsAppConfiguration?
    /// When a commit counts as done: `full` (the default) survives a power cut, `normal` only a process crash.
    public var durability = Durability.full
    /// The libpq shared library to load for PostgreSQL; nil loads `libpq.so.5` from the usual places.
    public var libpq: String?
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` name the client; none: the peer is the client.
    public var trustedProxies: [IPNetwork] = []
    /// The bearer token `/metrics` requires; nil leaves `/metrics` open.
    public var metricsToken: String?
    /// The master key's file; nil: `<database>.master-key`, beside the database (created on a first start).
    public var masterKeyFile: String?

    public init() {}
}

extension Logger.Level {
    init?(name: String) {
        switch name {
        case "debug": self = .debug
        case "info": self = .info
        case "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }
}

extension ServeOptions {
    /// Where the data lives: the SQLite file, or the PostgreSQL database, `--db` names.
    public var storageLocation: StorageLocation { StorageLocation(databasePath) }
    /// The master key's file, as configured or beside an SQLite database.
    /// - Throws: ``SealingError`` for a PostgreSQL database without `--master-key-file`.
    public func masterKeyPath() throws(SealingError) -> String { try MasterKeyFile.path(configured: masterKeyFile, for: storageLocation) }

    /// How the storage engine opens the database.
    public var storageSettings: StorageSettings { StorageSettings(durability: durability, clientLibrary: libpq) }
}
