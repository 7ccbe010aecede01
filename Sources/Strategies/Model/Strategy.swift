import Kernel

/// A client's copy of a template version, as the operator API and the client app show it.
///
/// `status` is the lifecycle state (``StrategyStatus``); `mode` is the market it runs in, or last ran in when
/// paused (`paper`/`live`; null for a draft that never ran); `livemode` is the API mode of the data.
public struct Strategy: Codable, Sendable, Equatable {
    public var object = "strategy"
    /// `stg_…`.
    public let id: String
    public let userID: String
    /// The name of the template version it is built from.
    public let name: String
    public let mode: TradingMode?
    public let status: StrategyStatus
    public let templateID: String
    public let templateVersion: Int
    /// Whether a newer template version is waiting: set when a push reaches a live copy, which is never changed
    /// under a running strategy. The next push after it stops running updates it in place.
    public let updateAvailable: Bool
    /// The newer version waiting, when ``updateAvailable``.
    public let availableTemplateVersion: Int?
    public let pnl: StrategyPnL
    /// The client's broker link; nil when they never linked one.
    public let broker: StrategyBroker?
    /// When it last started running (paper or live).
    public let deployedAt: Timestamp?
    /// When it last stopped; nil while running.
    public let pausedAt: Timestamp?
    public let pauseReason: PauseReason?
    public let livemode: Bool
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, name, mode, status, pnl, broker, livemode
        case userID = "user_id", templateID = "template_id", templateVersion = "template_version"
        case updateAvailable = "update_available", availableTemplateVersion = "available_template_version"
        case deployedAt = "deployed_at", pausedAt = "paused_at", pauseReason = "pause_reason", createdAt = "created_at"
    }

    /// Every field, absent ones as `null`: the documented shape does not change with the state.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(object, forKey: .object)
        try c.encode(id, forKey: .id)
        try c.encode(userID, forKey: .userID)
        try c.encode(name, forKey: .name)
        try c.encode(mode, forKey: .mode)
        try c.encode(status, forKey: .status)
        try c.encode(templateID, forKey: .templateID)
        try c.encode(templateVersion, forKey: .templateVersion)
        try c.encode(updateAvailable, forKey: .updateAvailable)
        try c.encode(availableTemplateVersion, forKey: .availableTemplateVersion)
        try c.encode(pnl, forKey: .pnl)
        try c.encode(broker, forKey: .broker)
        try c.encode(deployedAt, forKey: .deployedAt)
        try c.encode(pausedAt, forKey: .pausedAt)
        try c.encode(pauseReason, forKey: .pauseReason)
        try c.encode(livemode, forKey: .livemode)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// Profit and loss as the trading engine last reported it.
public struct StrategyPnL: Codable, Sendable, Equatable {
    public let realizedPaise: Int64
    public let unrealizedPaise: Int64
    public var currency = "INR"
    /// When the engine computed the figures; nil before its first report.
    public let asOf: Timestamp?

    enum CodingKeys: String, CodingKey {
        case currency, realizedPaise = "realized_paise", unrealizedPaise = "unrealized_paise", asOf = "as_of"
    }

    /// Every field; `as_of` is `null` before the first report.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(realizedPaise, forKey: .realizedPaise)
        try c.encode(unrealizedPaise, forKey: .unrealizedPaise)
        try c.encode(currency, forKey: .currency)
        try c.encode(asOf, forKey: .asOf)
    }
}

/// The client's broker link as a strategy shows it; the client code is masked.
public struct StrategyBroker: Codable, Sendable, Equatable {
    public let name: String
    /// `connected` or `disconnected`.
    public let status: String
    public let clientCodeMasked: String?

    enum CodingKeys: String, CodingKey { case name, status, clientCodeMasked = "client_code_masked" }

    /// Every field; `client_code_masked` is `null` when Accounts sent none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(clientCodeMasked, forKey: .clientCodeMasked)
    }
}
