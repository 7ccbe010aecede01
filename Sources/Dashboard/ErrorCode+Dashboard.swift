import Kernel

/// The dashboard's own refusals, shown as a notice on the page (never sent as API problems).
extension ErrorCode {
    /// The member's password, asked again before the signing secret is shown, was wrong.
    static let passwordIncorrect = ErrorCode("password_incorrect")
    /// A webhook action before any receiver URL was saved.
    static let noReceiver = ErrorCode("no_receiver")
}
