import Kernel

/// What Strategies reads from Accounts' events: its own small mirrors of the payloads, holding only the fields it
/// uses, so the two modules share a wire format and nothing else.
enum AccountsMessage {
    static let userCreated = "user.created"
    static let brokerConnected = "user.broker_connected"
    static let brokerDisconnected = "broker.disconnected"
    static let userDeleted = "user.deleted"
    static let userRestored = "user.restored"
    static let userPurged = "user.purged"
    static let operatorCreated = "operator.created"
    static let operatorUpdated = "operator.updated"

    /// Every Accounts event Strategies reads, with its mirror.
    static let mirrors = [
        EventMirror(userCreated, payload: UserCreatedMessage.self),
        EventMirror(brokerConnected, payload: BrokerConnectedMessage.self),
        EventMirror(brokerDisconnected, payload: UserMessage.self),
        EventMirror(userDeleted, payload: UserMessage.self),
        EventMirror(userRestored, payload: UserMessage.self),
        EventMirror(userPurged, payload: UserMessage.self),
        EventMirror(operatorCreated, payload: OperatorSettingsMessage.self),
        EventMirror(operatorUpdated, payload: OperatorSettingsMessage.self),
    ]
}

/// `user.created` `{"user": {"id", "plan_id", "status", …}, "source"}`. A new client has no broker yet: its link
/// arrives as `user.broker_connected`.
struct UserCreatedMessage: Decodable {
    struct User: Decodable {
        let id: String
        let planID: String
        let status: String

        enum CodingKeys: String, CodingKey { case id, status, planID = "plan_id" }
    }

    let user: User
}

/// `user.broker_connected` `{"user_id", "broker", "client_code_masked", "expires_at"}`.
struct BrokerConnectedMessage: Decodable {
    let userID: String
    let broker: String
    let clientCodeMasked: String?

    enum CodingKeys: String, CodingKey { case broker, userID = "user_id", clientCodeMasked = "client_code_masked" }
}

/// `broker.disconnected`, `user.deleted`, `user.restored`, `user.purged`: all name the client as `user_id`.
struct UserMessage: Decodable {
    let userID: String

    enum CodingKeys: String, CodingKey { case userID = "user_id" }
}

/// `operator.created`, `operator.updated` `{"operator_id", "strategy_day_price_paise", …}`.
struct OperatorSettingsMessage: Decodable {
    let operatorID: String
    let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey { case operatorID = "operator_id", strategyDayPricePaise = "strategy_day_price_paise" }
}
