import Kernel

/// The error codes Accounts answers with (besides the Kernel's shared ones).
extension ErrorCode {
    /// A user or member with this email already exists in the scope.
    public static let emailTaken = ErrorCode("email_taken")
    /// Another operator already has this slug.
    public static let slugTaken = ErrorCode("slug_taken")
    /// The login link is invalid, used or expired (one answer for all three).
    public static let invalidLoginToken = ErrorCode("invalid_login_token")
    /// A test key tried to rotate the live key.
    public static let liveKeyRequired = ErrorCode("live_key_required")
    /// A key in its grace period (rotated out, not yet expired) asked for what only the current key may do.
    public static let currentKeyRequired = ErrorCode("current_key_required")
    /// The operator has no default plan in this mode.
    public static let noDefaultPlan = ErrorCode("no_default_plan")
    /// A sign-up names an operator slug that does not exist.
    public static let operatorNotFound = ErrorCode("operator_not_found")
    /// A bulk row could not be stored; retrying it may succeed.
    public static let storageError = ErrorCode("storage_error")
}
