import Kernel

/// `api_key.rotated`: a new key was issued for `mode`; the keys it replaces keep working until
/// `previous_keys_expire_at`.
public struct APIKeyRotatedPayload: Codable, Sendable, Equatable {
    public let mode: Mode
    /// The new, current key.
    public let keyID: String
    public let masked: String
    /// The keys this rotation retires (their grace period may be shortened by it, never lengthened).
    public let previousKeyIDs: [String]
    /// When the retired keys stop working.
    public let previousKeysExpireAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case mode, masked
        case keyID = "key_id", previousKeyIDs = "previous_key_ids", previousKeysExpireAt = "previous_keys_expire_at"
    }
}

/// `api_key.expiring`: a rotated-out key stops working within the hour. Sent once as its last hour begins
/// (`one_hour_left`), and once more if a request used it after that (`still_in_use`): something still holds it.
public struct APIKeyExpiringPayload: Codable, Sendable, Equatable {
    /// Why this notice: `one_hour_left` or `still_in_use`.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        case oneHourLeft = "one_hour_left"
        case stillInUse = "still_in_use"
    }

    public let mode: Mode
    public let keyID: String
    public let masked: String
    public let expiresAt: Timestamp
    public let lastUsedAt: Timestamp?
    public let reason: Reason

    enum CodingKeys: String, CodingKey {
        case mode, masked, reason
        case keyID = "key_id", expiresAt = "expires_at", lastUsedAt = "last_used_at"
    }

    /// Encodes an absent `last_used_at` as `null`, so every member is always there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(keyID, forKey: .keyID)
        try container.encode(masked, forKey: .masked)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encode(reason, forKey: .reason)
    }
}
