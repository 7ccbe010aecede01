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

    static let all: Set<String> = [
        userCreated, brokerConnected, brokerDisconnected, userDeleted, userRestored, userPurged, operatorCreated, operatorUpdated,
    ]
}

/// `user.created` `{"user": {"id", "plan_id", "status", "broker": null | {"name", "status", "client_code_masked"}, …}, …}`.
struct UserCreatedMessage: Decodable {
    struct User: Decodable {
        let id: String
        let planID: String
        let status: String
        let broker: Broker?

        enum CodingKeys: String, CodingKey { case id, status, broker, planID = "plan_id" }
    }

    struct Broker: Decodable {
        let name: String
        let status: String
        let clientCodeMasked: String?

        enum CodingKeys: String, CodingKey { case name, status, clientCodeMasked = "client_code_masked" }
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
