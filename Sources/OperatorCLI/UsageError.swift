/// A command line the binary cannot run: printed as one line plus usage, exit status 2.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// The subcommand whose usage to print, if known.
    public var subcommand: Subcommand?

    public init(_ message: String, subcommand: Subcommand? = nil) {
        self.message = message
        self.subcommand = subcommand
    }

    public var description: String { message }

    /// The exit status for usage errors (as BSD `sysexits` and most CLIs use).
    public static let exitStatus: Int32 = 2
}
