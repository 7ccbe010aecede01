import Kernel

/// The subject an event is about, which orders its deliveries: to one endpoint, deliveries of one lane go out in
/// commit order, each after the one before it was delivered or finally failed; lanes never wait for each other.
///
/// - strategy events: the strategy (`strategy:stg_…`);
/// - client events (`user.created`, `user.broker_connected`, `broker.disconnected`): the client (`user:usr_…`);
/// - wallet, usage and API key events: the operator (`operator`), so a key's rotation goes before its last-hour notice;
/// - `webhook_endpoint.disabled`: the endpoint it is about.
///
/// Webhooks reads the subject from each payload with its own mirrors (declared in ``mirrors`` for the contract tests).
/// A payload without its subject falls back to the operator lane: the strictest order, never a lost delivery.
enum DeliveryLane {
    static let mirrors = [
        EventMirror(WebhookEventType.userCreated.rawValue, payload: CreatedUserSubject.self),
        EventMirror(WebhookEventType.userBrokerConnected.rawValue, payload: ClientSubject.self),
        EventMirror(WebhookEventType.brokerDisconnected.rawValue, payload: ClientSubject.self),
        EventMirror(WebhookEventType.strategyDeployed.rawValue, payload: StrategySubject.self),
        EventMirror(WebhookEventType.strategyPaused.rawValue, payload: StrategySubject.self),
        EventMirror(WebhookEventType.usageDaily.rawValue, payload: OperatorSubject.self),
        EventMirror(WebhookEventType.walletLowBalance.rawValue, payload: OperatorSubject.self),
        EventMirror(WebhookEventType.apiKeyRotated.rawValue, payload: OperatorSubject.self),
        EventMirror(WebhookEventType.apiKeyExpiring.rawValue, payload: OperatorSubject.self),
        EventMirror(WebhookEventType.webhookEndpointDisabled.rawValue, payload: EndpointSubject.self),
    ]

    static let operatorLane = "operator"

    /// The lane of `event`'s deliveries.
    static func of(_ event: Event) -> String {
        let subject: String?
        switch WebhookEventType(rawValue: event.type) {
        case .userCreated: subject = (try? event.decode(CreatedUserSubject.self)).map { "user:" + $0.user.id }
        case .userBrokerConnected, .brokerDisconnected: subject = (try? event.decode(ClientSubject.self)).map { "user:" + $0.userID }
        case .strategyDeployed, .strategyPaused: subject = (try? event.decode(StrategySubject.self)).map { "strategy:" + $0.strategyID }
        case .webhookEndpointDisabled: subject = (try? event.decode(EndpointSubject.self)).map { "webhook_endpoint:" + $0.endpointID }
        case .usageDaily, .walletLowBalance, .apiKeyRotated, .apiKeyExpiring, nil: subject = nil
        }
        return subject ?? operatorLane
    }
}

/// `user.created`: the client is `user.id`.
struct CreatedUserSubject: Decodable, Sendable {
    struct User: Decodable, Sendable {
        let id: String
    }

    let user: User
}

/// Client events: the client is `user_id`.
struct ClientSubject: Decodable, Sendable {
    let userID: String

    enum CodingKeys: String, CodingKey { case userID = "user_id" }
}

/// Strategy events: `strategy_id`.
struct StrategySubject: Decodable, Sendable {
    let strategyID: String

    enum CodingKeys: String, CodingKey { case strategyID = "strategy_id" }
}

/// `webhook_endpoint.disabled`: `endpoint_id`.
struct EndpointSubject: Decodable, Sendable {
    let endpointID: String

    enum CodingKeys: String, CodingKey { case endpointID = "endpoint_id" }
}

/// Wallet, usage and API key events are about the operator, whose id is the event's tenant: nothing is read.
struct OperatorSubject: Decodable, Sendable {}
