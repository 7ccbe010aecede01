import Kernel

/// Accounts' events as Accounts publishes them, written out here because Strategies (and its tests) must not
/// import Accounts: the wire format is the contract.
enum AccountsMock {
    static let userCreated = "user.created"
    static let brokerConnected = "user.broker_connected"
    static let brokerDisconnected = "broker.disconnected"
    static let userDeleted = "user.deleted"
    static let userRestored = "user.restored"
    static let userPurged = "user.purged"
    static let operatorCreated = "operator.created"
    static let operatorUpdated = "operator.updated"
}

/// `user.created` with the fields Accounts sends (Strategies reads only some of them).
struct UserCreatedMock: Encodable {
    struct User: Encodable {
        var object = "user"
        let id: String
        let planID: String
        var status = "active"
        let livemode: Bool
        var email = "client@example.com"
        var broker: BrokerMock? = nil

        enum CodingKeys: String, CodingKey { case object, id, status, livemode, email, broker, planID = "plan_id" }
    }

    struct BrokerMock: Encodable {
        let name: String
        let status: String
        let clientCodeMasked: String

        enum CodingKeys: String, CodingKey { case name, status, clientCodeMasked = "client_code_masked" }
    }

    let user: User
    var source = "api"
}

struct BrokerConnectedMock: Encodable {
    let userID: String
    var broker = "zerodha"
    var clientCodeMasked = "••••4821"
    var expiresAt: Timestamp? = nil

    enum CodingKeys: String, CodingKey { case broker, userID = "user_id", clientCodeMasked = "client_code_masked", expiresAt = "expires_at" }
}

struct BrokerDisconnectedMock: Encodable {
    let userID: String
    var broker = "zerodha"
    var reason = "revoked"

    enum CodingKeys: String, CodingKey { case broker, reason, userID = "user_id" }
}

/// `user.deleted`, `user.restored`, `user.purged`.
struct UserLifecycleMock: Encodable {
    let userID: String
    var planID = "plan_gold"
    var at = Timestamp(milliseconds: 1_790_000_000_000)

    enum CodingKeys: String, CodingKey { case at, userID = "user_id", planID = "plan_id" }
}

struct OperatorSettingsMock: Encodable {
    let operatorID: String
    var slug = "acme"
    var tier = "standard"
    var limits: [String: Int] = [:]
    let strategyDayPricePaise: Int64

    enum CodingKeys: String, CodingKey {
        case slug, tier, limits, operatorID = "operator_id", strategyDayPricePaise = "strategy_day_price_paise"
    }
}
