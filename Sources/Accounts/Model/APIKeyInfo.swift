import Kernel

/// An API key as lists show it: masked, with its times. The secret itself is never stored or shown again.
public struct APIKeyInfo: Codable, Sendable, Equatable {
    public var object = "api_key"
    public let id: String
    public let mode: Mode
    /// `tt_wl_acme_live_…a1b2`.
    public let masked: String
    public let createdAt: Timestamp
    public let lastUsedAt: Timestamp?
    /// When a rotated-out key stops working; nil for the current key.
    public let expiresAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case object, id, mode, masked
        case createdAt = "created_at", lastUsedAt = "last_used_at", expiresAt = "expires_at"
    }
}

/// A freshly issued key: the only time its secret is visible.
public struct IssuedAPIKey: Encodable, Sendable {
    public let key: APIKeyInfo
    public let secret: String

    public func encode(to encoder: any Encoder) throws {
        try key.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(secret, forKey: .secret)
    }

    enum Key: String, CodingKey { case secret }
}

/// Who an operator API key belongs to: the request's tenant scope and the key used.
public struct KeyPrincipal: Sendable, Equatable {
    public let scope: TenantScope
    public let keyID: String
    public let slug: String
    public let masked: String
    /// When the key stops working, for a key rotated out (in its grace period); nil for a current key.
    public internal(set) var expiresAt: Timestamp? = nil
}
