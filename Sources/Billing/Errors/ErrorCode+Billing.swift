import Kernel

/// The error codes Billing answers with (besides the Kernel's shared ones).
extension ErrorCode {
    /// A top-up reference was already credited with another amount.
    public static let referenceReused = ErrorCode("reference_reused")
    /// The usage day's window has not closed yet, so it cannot be rolled up.
    public static let windowOpen = ErrorCode("window_open")
}
