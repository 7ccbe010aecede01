import Kernel

/// The other modules' events Billing meters and alerts by, decoded with its own mirrors of their payloads (it imports no
/// other domain). Unknown keys are ignored, so publishers may add fields freely.
enum InboundEvent {
    static let strategyDeployed = "strategy.deployed"
    static let strategyPaused = "strategy.paused"
    static let operatorCreated = "operator.created"
    static let operatorUpdated = "operator.updated"
    static let webhookEndpointDisabled = "webhook_endpoint.disabled"

    /// Every event Billing reads, with its mirror.
    static let mirrors = [
        EventMirror(strategyDeployed, payload: StrategyDeployed.self), EventMirror(strategyPaused, payload: StrategyPaused.self),
        EventMirror(operatorCreated, payload: OperatorSettings.self), EventMirror(operatorUpdated, payload: OperatorSettings.self),
        EventMirror(webhookEndpointDisabled, payload: EndpointDisabledAlert.self),
    ]
}

/// `strategy.deployed`: a strategy entered live trading (in the event's mode, at the event's time).
///
/// The publisher's `burn_per_day_paise` is not read: Billing charges its own price in force at roll-up time.
struct StrategyDeployed: Decodable {
    let strategyID: String
    let userID: String
    let planID: String
    let broker: String

    enum CodingKeys: String, CodingKey { case strategyID = "strategy_id", userID = "user_id", planID = "plan_id", broker }
}

/// `strategy.paused`: a strategy left live trading.
struct StrategyPaused: Decodable {
    let strategyID: String

    enum CodingKeys: String, CodingKey { case strategyID = "strategy_id" }
}

/// `operator.created` / `operator.updated`: the price Billing charges (both modes; the event's mode is always live).
struct OperatorSettings: Decodable {
    let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey { case strategyDayPricePaise = "strategy_day_price_paise" }
}

/// `webhook_endpoint.disabled`: Webhooks stopped sending to an endpoint; Billing tells the operator (inbox, WhatsApp).
/// Also the `data` of the inbox item, so it encodes as it was read.
public struct EndpointDisabledAlert: Codable, Sendable, Equatable {
    public let endpointID: String
    public let url: String
    /// `gone` or `failing`.
    public let reason: String
    public let failingSince: Timestamp?
    public let lastError: String?

    enum CodingKeys: String, CodingKey {
        case url, reason
        case endpointID = "endpoint_id", failingSince = "failing_since", lastError = "last_error"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpointID, forKey: .endpointID)
        try container.encode(url, forKey: .url)
        try container.encode(reason, forKey: .reason)
        try container.encode(failingSince, forKey: .failingSince)
        try container.encode(lastError, forKey: .lastError)
    }
}
