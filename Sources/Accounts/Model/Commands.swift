import Kernel

/// `POST /v1/admin/operators`.
public struct NewOperator: Decodable, Sendable, Equatable {
    public var name: String
    public var slug: String
    public var tier: String?
    public var loginBaseURL: String?

    public init(name: String, slug: String, tier: String? = nil, loginBaseURL: String? = nil) {
        self.name = name
        self.slug = slug
        self.tier = tier
        self.loginBaseURL = loginBaseURL
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case name, slug, tier, loginBaseURL = "login_base_url" }
}

/// `PATCH /v1/admin/operators/:id`: every field optional; `limits` entries replace the named overrides
/// (a null value removes one).
public struct OperatorUpdate: Decodable, Sendable {
    public var name: String?
    public var tier: String?
    public var loginBaseURL: String?
    public var limits: [String: Int?]?
    public var strategyDayPricePaise: Int64?

    public init(name: String? = nil, tier: String? = nil, loginBaseURL: String? = nil, limits: [String: Int?]? = nil, strategyDayPricePaise: Int64? = nil) {
        self.name = name
        self.tier = tier
        self.loginBaseURL = loginBaseURL
        self.limits = limits
        self.strategyDayPricePaise = strategyDayPricePaise
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, tier, limits, loginBaseURL = "login_base_url", strategyDayPricePaise = "strategy_day_price_paise"
    }

    /// The quota names `limits` may override.
    public static let limitNames: Set<String> = [
        "requests_per_minute", "requests_per_day", "user_creations_per_hour", "webhook_subscriptions", "signups_per_hour",
        "signups_per_address_per_hour",
    ]
}

/// `POST /v1/wl/users` and each row of `POST /v1/wl/users/bulk`.
public struct NewUser: Decodable, Sendable {
    public var email: String
    public var phone: String
    public var planID: String
    public var name: String?
    public var externalID: String?

    public init(email: String, phone: String, planID: String, name: String? = nil, externalID: String? = nil) {
        self.email = email
        self.phone = phone
        self.planID = planID
        self.name = name
        self.externalID = externalID
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case email, phone, name, planID = "plan_id", externalID = "external_id"
    }
}

/// `POST /v1/client/signup`: a client signing up through the operator's branded login.
public struct ClientSignup: Decodable, Sendable {
    public var `operator`: String
    public var sandbox: Bool?
    public var email: String
    public var phone: String
    public var planID: String?

    public init(operator: String, sandbox: Bool? = nil, email: String, phone: String, planID: String? = nil) {
        self.operator = `operator`
        self.sandbox = sandbox
        self.email = email
        self.phone = phone
        self.planID = planID
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case `operator`, sandbox, email, phone, planID = "plan_id" }
}

/// `POST /v1/client/broker`.
public struct BrokerLink: Decodable, Sendable {
    public var broker: String
    public var clientCode: String
    public var expiresAt: Timestamp?

    public init(broker: String, clientCode: String, expiresAt: Timestamp? = nil) {
        self.broker = broker
        self.clientCode = clientCode
        self.expiresAt = expiresAt
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case broker, clientCode = "client_code", expiresAt = "expires_at" }
}

/// Filters and cursor of `GET /v1/wl/users`.
public struct UserQuery: Sendable {
    public var limit = 20
    public var startingAfter: String?
    public var planID: String?
    public var email: String?
    public var status: String?

    public init(limit: Int = 20, startingAfter: String? = nil, planID: String? = nil, email: String? = nil, status: String? = nil) {
        self.limit = limit
        self.startingAfter = startingAfter
        self.planID = planID
        self.email = email
        self.status = status
    }
}
