/// Why `copy` stopped. A refusal (``isRefusal``) changed nothing and is the user's to fix, like a usage error; the
/// others mean the copy itself went wrong.
public struct CopyError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a stable code.
    public enum Code: String, Sendable {
        /// The target PostgreSQL database already holds data: copying into it would mix two installations.
        case targetNotEmpty = "target_not_empty"
        /// There is no SQLite file where `--from` points.
        case sourceMissing = "source_missing"
        /// The installation's master key file is not where `--master-key-file` (or its default) points.
        case masterKeyMissing = "master_key_missing"
        /// A server (or another process) has the SQLite file open: a live database would copy inconsistently.
        case sourceInUse = "source_in_use"
        /// A table or column of the source has no place in the target (the two builds' schemas differ).
        case schemaMismatch = "schema_mismatch"
        /// After the copy, a table's row count differs between the two databases.
        case countMismatch = "count_mismatch"
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether nothing was written and the cause lies in how the command was run (exit status 2).
    public var isRefusal: Bool { code != .schemaMismatch && code != .countMismatch }

    public var description: String { message }
}
