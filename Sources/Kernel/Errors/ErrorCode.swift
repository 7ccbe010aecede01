/// The stable machine code of a ``DomainError``: on the wire, the snake_case `code` of the problem document
/// (`email_taken`); in code, a typed value to compare and switch on.
///
/// Each domain declares its own codes as static members in an extension of this type
/// (`extension ErrorCode { public static let emailTaken = ErrorCode("email_taken") }`, in `ErrorCode+<Domain>.swift`),
/// so a caller in another module names a code the compiler checks, never a string literal. The codes below are the
/// Kernel's own and those several domains share.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code spelt as it goes on the wire: lowercase words joined by `_`.
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    public var description: String { rawValue }
}

extension ErrorCode {
    /// One or more fields of the input break a rule.
    public static let validationFailed = ErrorCode("validation_failed")
    /// The resource named in the path does not exist for the caller.
    public static let resourceMissing = ErrorCode("resource_missing")
    /// A cursor or reference in the input names nothing in the caller's scope.
    public static let notFound = ErrorCode("not_found")

    // Shared by Accounts and Strategies, which each keep their own view of clients and plans.

    /// The client is soft-deleted; restore them first.
    public static let userDeleted = ErrorCode("user_deleted")
    /// The plan the input names does not exist in this mode.
    public static let planNotFound = ErrorCode("plan_not_found")
    /// The client has no connected broker.
    public static let brokerNotConnected = ErrorCode("broker_not_connected")
}
