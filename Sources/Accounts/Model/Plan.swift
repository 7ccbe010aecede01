import Kernel

/// A plan clients are on; operators define their own. Every operator starts with a default plan per mode.
public struct Plan: Codable, Sendable, Equatable {
    public var object = "plan"
    public let id: String
    public let name: String
    public let tier: String?
    public let isDefault: Bool
    public let livemode: Bool
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, name, tier, livemode
        case isDefault = "is_default", createdAt = "created_at"
    }
}
