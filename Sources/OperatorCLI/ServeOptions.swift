import Kernel

/// Settings of the server and the maintenance commands. Every flag has an environment twin; a flag wins over its
/// twin, and both over the default.
public struct ServeOptions: Equatable, Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = "./data/operator-api.sqlite"
    /// The platform admin's bearer token. When nil, `serve` generates one on first start and prints it once.
    public var adminToken: String?
    public var logLevel = Logger.Level.info
    /// Allows webhook endpoints on private addresses and plain `http://` in live mode (tests, local development).
    public var webhookAllowPrivate = false
    /// Largest accepted request body.
    public var maxBodyBytes = 1 << 20
    /// When a commit counts as done: `full` (the default) survives a power cut, `normal` only a process crash.
    public var durability = Durability.full

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
    /// How the storage engine opens the database.
    public var storageSettings: SQLiteEngine.Settings { SQLiteEngine.Settings(durability: durability) }
}
