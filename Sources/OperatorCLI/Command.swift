/// What the command line asked the binary to do.
public enum Command: Equatable, Sendable {
    /// Run the HTTP server, the bus and the background jobs until SIGTERM/SIGINT.
    case serve(ServeOptions)
    /// Apply every pending schema migration and exit.
    case migrate(ServeOptions)
    /// Write an online backup of the database to a file and exit.
    case backup(destination: String, ServeOptions)
    /// Create an operator (first-time set-up) and print it with its two keys, as the admin API would.
    case createOperator(OperatorArguments, ServeOptions)
    /// Print the version and exit.
    case version
    /// Print usage (of one subcommand, or of all) and exit 0.
    case help(Subcommand?)
}

/// The subcommands, as typed.
public enum Subcommand: String, CaseIterable, Sendable {
    case serve, migrate, backup, operators, version, help
}

/// `operators create --name … --slug … [--tier …] [--login-base-url …]`.
public struct OperatorArguments: Equatable, Sendable {
    public var name: String
    public var slug: String
    public var tier: String?
    public var loginBaseURL: String?

    public init(name: String, slug: String, tier: String? = nil, loginBaseURL: String? = nil) {
        self.name = name
        self.slug = slug
        self.tier = tier
        self.loginBaseURL = loginBaseURL
    }
}
