import Kernel

/// The event types Accounts publishes. The first five are operator-facing webhooks; the rest keep the other
/// modules' read models current.
public enum AccountsEvent {
    public static let userCreated = "user.created"
    public static let userBrokerConnected = "user.broker_connected"
    public static let brokerDisconnected = "broker.disconnected"
    public static let apiKeyRotated = "api_key.rotated"
    public static let apiKeyExpiring = "api_key.expiring"
    public static let operatorCreated = "operator.created"
    public static let operatorUpdated = "operator.updated"
    public static let userDeleted = "user.deleted"
    public static let userRestored = "user.restored"
    public static let userPurged = "user.purged"
}

/// `user.created`: a client signed up through the branded login or was created through the API.
public struct UserCreatedPayload: Codable, Sendable, Equatable {
    public let user: User
    /// How the client came: `api` (through the API, one at a time or in bulk) or `signup` (the branded login).
    public let source: String
}

/// `user.broker_connected`: a client linked a broker account. The client code is masked.
public struct BrokerConnectedPayload: Codable, Sendable, Equatable {
    public let userID: String
    public let broker: String
    public let clientCodeMasked: String
    public let expiresAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", broker, clientCodeMasked = "client_code_masked", expiresAt = "expires_at"
    }
}

/// `broker.disconnected`: a broker link ended; `reason` is `revoked` (the client unlinked) or `expired`.
public struct BrokerDisconnectedPayload: Codable, Sendable, Equatable {
    public let userID: String
    public let broker: String
    public let reason: String

    enum CodingKeys: String, CodingKey { case userID = "user_id", broker, reason }
}

/// `user.deleted`, `user.restored`, `user.purged`: a client's lifecycle after creation.
public struct UserLifecyclePayload: Codable, Sendable, Equatable {
    public let userID: String
    public let planID: String
    public let at: Timestamp

    enum CodingKeys: String, CodingKey { case userID = "user_id", planID = "plan_id", at }
}

/// `operator.created` and `operator.updated`: the settings other modules meter and limit by.
public struct OperatorSettingsPayload: Codable, Sendable, Equatable {
    public let operatorID: String
    public let slug: String
    public let tier: String
    public let limits: [String: Int]
    public let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey {
        case operatorID = "operator_id", slug, tier, limits, strategyDayPricePaise = "strategy_day_price_paise"
    }
}
