/// Which credentials a route accepts. Public routes say ``none`` explicitly.
public struct AuthRequirement: Sendable, Hashable {
    /// Accepted kinds, tried in order; empty for a public route.
    public let accepted: [Principal.Kind]

    public init(accepted: [Principal.Kind]) { self.accepted = accepted }

    public static let none = AuthRequirement(accepted: [])
    public static let operatorKey = AuthRequirement(accepted: [.operatorKey])
    public static let admin = AuthRequirement(accepted: [.admin])
    public static let clientSession = AuthRequirement(accepted: [.clientSession])
}
