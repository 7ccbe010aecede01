/// Which credentials a route accepts. Public routes say ``none`` explicitly.
public struct AuthRequirement: Sendable, Hashable {
    /// Accepted kinds, tried in order; empty for a public route.
    public let accepted: [Principal.Kind]
    /// Whether a credential in its grace period (rotated out, not yet expired) is refused with 403
    /// `current_key_required`. Set on whatever could take the account over from a leaked old key: rotating keys,
    /// revealing or rotating webhook secrets, redirecting webhooks, changing the operator's settings.
    public let requiresCurrentCredential: Bool

    public init(accepted: [Principal.Kind], requiresCurrentCredential: Bool = false) {
        self.accepted = accepted
        self.requiresCurrentCredential = requiresCurrentCredential
    }

    public static let none = AuthRequirement(accepted: [])
    public static let operatorKey = AuthRequirement(accepted: [.operatorKey])
    /// The operator's current API key: a key rotated out is refused even during its grace period.
    public static let currentOperatorKey = AuthRequirement(accepted: [.operatorKey], requiresCurrentCredential: true)
    public static let admin = AuthRequirement(accepted: [.admin])
    public static let clientSession = AuthRequirement(accepted: [.clientSession])
}
