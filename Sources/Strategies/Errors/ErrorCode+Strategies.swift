import Kernel

/// The error codes Strategies answers with (besides the Kernel's shared ones).
extension ErrorCode {
    /// The template breaks a rule; every field at fault is listed.
    public static let invalidTemplate = ErrorCode("invalid_template")
    /// A push names a template id that does not exist in this mode.
    public static let templateNotFound = ErrorCode("template_not_found")
    /// A push targets a client Strategies does not know in this mode.
    public static let userNotFound = ErrorCode("user_not_found")
    /// The strategy cannot make this move from where it is (see `StrategyLifecycle`).
    public static let invalidTransition = ErrorCode("invalid_transition")
}
