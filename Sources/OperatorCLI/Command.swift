import Accounts

/// What the command line asked the binary to do.
public enum Command: Equatable, Sendable {
    /// Run the HTTP server, the bus and the background jobs until SIGTERM/SIGINT.
    case serve(ServeOptions)
    /// Apply every pending schema migration and exit.
    case migrate(ServeOptions)
    /// Write an online backup of the database to a file and exit.
    case backup(destination: String, ServeOptions)
    /// Create an operator (first-time set-up) and print it with its two keys, as the admin API would.
    case createOperator(NewOperator, ServeOptions)
    /// Copy a stopped SQLite installation (`from`, a file) into an empty PostgreSQL database (`to`, a URL).
    case copy(from: String, to: String, ServeOptions)
    /// Re-seal the database's secrets under the master key in `newKeyFile` (created when missing).
    case rotateMasterKey(newKeyFile: String, ServeOptions)
    /// Print the version and exit.
    case version
    /// Print usage (of one subcommand, or of all) and exit 0.
    case help(Subcommand?)
}

/// The subcommands, as typed.
public enum Subcommand: String, CaseIterable, Sendable {
    case serve, migrate, backup, copy, operators, masterKey = "master-key", version, help
}

