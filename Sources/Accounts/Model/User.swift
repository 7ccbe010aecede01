import Kernel

/// An end client of an operator.
public struct User: Codable, Sendable, Equatable {
    public var object = "user"
    public let id: String
    /// Nil only after the personal data was purged.
    public let email: String?
    public let phone: String?
    public let name: String?
    public let externalID: String?
    public let planID: String
    /// `active` or `deleted` (soft-deleted, restorable until `purge_after`).
    public let status: String
    public let livemode: Bool
    public let createdAt: Timestamp
    public let deletedAt: Timestamp?
    public let purgeAfter: Timestamp?
    public let broker: BrokerStatus?

    enum CodingKeys: String, CodingKey {
        case object, id, email, phone, name, status, livemode, broker
        case externalID = "external_id", planID = "plan_id", createdAt = "created_at"
        case deletedAt = "deleted_at", purgeAfter = "purge_after"
    }

    public var isActive: Bool { status == "active" }
}

/// A client's broker link as everyone but the client sees it: the client code masked.
public struct BrokerStatus: Codable, Sendable, Equatable {
    public let name: String
    /// `connected` or `disconnected`.
    public let status: String
    public let clientCodeMasked: String?
    public let connectedAt: Timestamp
    public let expiresAt: Timestamp?
    public let disconnectReason: String?

    enum CodingKeys: String, CodingKey {
        case name, status
        case clientCodeMasked = "client_code_masked", connectedAt = "connected_at", expiresAt = "expires_at"
        case disconnectReason = "disconnect_reason"
    }
}

/// A user just created: the user plus the one-time login URL (shown in this response only).
public struct CreatedUser: Encodable, Sendable {
    public let user: User
    public let loginURL: String
    public let loginURLExpiresAt: Timestamp

    public func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(loginURL, forKey: .loginURL)
        try container.encode(loginURLExpiresAt, forKey: .loginURLExpiresAt)
    }

    enum Key: String, CodingKey { case loginURL = "login_url", loginURLExpiresAt = "login_url_expires_at" }
}

/// A fresh one-time login link: `login_url`, named as user creation names it.
public struct LoginLink: Codable, Sendable {
    public var object = "login_link"
    public let userID: String
    public let loginURL: String
    public let expiresAt: Timestamp

    enum CodingKeys: String, CodingKey { case object, loginURL = "login_url", userID = "user_id", expiresAt = "expires_at" }
}
