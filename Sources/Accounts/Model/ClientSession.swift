import Kernel

/// A signed-in end client: the session token (shown once) and the user.
public struct ClientSession: Encodable, Sendable {
    public let sessionToken: String
    public let expiresAt: Timestamp
    public let user: User

    enum CodingKeys: String, CodingKey { case user, sessionToken = "session_token", expiresAt = "expires_at" }
}

/// Who a client session belongs to.
public struct ClientPrincipal: Sendable, Equatable {
    public let scope: TenantScope
    public let userID: String

    public init(scope: TenantScope, userID: String) {
        self.scope = scope
        self.userID = userID
    }
}

/// An operator's staff member who signs in to the dashboard.
public struct Member: Codable, Sendable, Equatable {
    public var object = "member"
    public let id: String
    public let operatorID: String
    public let email: String
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey { case object, id, email, operatorID = "operator_id", createdAt = "created_at" }
}
