import Kernel

/// A whitelabel operator: the platform's customer, who resells it under their own brand.
public struct Operator: Codable, Sendable, Equatable {
    public var object = "operator"
    public let id: String
    public let slug: String
    public var name: String
    /// A preset of quotas (`standard`, `scale`, `enterprise`).
    public var tier: String
    /// Where clients' one-time login links point; the token is appended as `?token=…`.
    public var loginBaseURL: String
    /// Per-operator quota overrides by quota name, e.g. `["requests_per_minute": 5000]`.
    public var limits: [String: Int]
    /// What one live strategy-day costs this operator.
    public var strategyDayPricePaise: Int64
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, slug, name, tier, limits
        case loginBaseURL = "login_base_url", strategyDayPricePaise = "strategy_day_price_paise"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The default price of a live strategy-day: ₹15.
    public static let defaultStrategyDayPricePaise: Int64 = 1500
    /// The quota tiers operators can be on.
    public static let tiers = ["standard", "scale", "enterprise"]
}

/// An operator just created, with its two secret keys: shown this once, stored only as hashes.
public struct CreatedOperator: Encodable, Sendable {
    public let `operator`: Operator
    public let keys: [Mode: String]

    public func encode(to encoder: any Encoder) throws {
        try `operator`.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(["live": keys[.live], "test": keys[.test]], forKey: .keys)
    }

    enum Key: String, CodingKey { case keys }
}
