import Kernel

/// A URL the operator receives events at, with the event types it is subscribed to.
public struct WebhookEndpoint: Codable, Sendable, Equatable {
    public var object = "webhook_endpoint"
    public let id: String
    public let url: String
    public let description: String?
    public let events: [String]
    public let enabled: Bool
    /// `enabled`, `circuit_open` (deliveries wait until `retry_at`) or `disabled` (see `disabled_reason`).
    public let state: EndpointState
    /// While the circuit is open: when one attempt probes the endpoint again.
    public let retryAt: Timestamp?
    /// Why the endpoint is disabled, when it is.
    public let disabledReason: DisabledReason?
    public let livemode: Bool
    /// Shown in full only on create and rotate; lists show the last 4 characters.
    public private(set) var secret: String
    /// The current secret's public name (``WebhookSigner/secretID(_:)``); nil while the secret is still sealed.
    public private(set) var secretID: String?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, url, description, events, enabled, state, livemode, secret
        case secretID = "secret_id", retryAt = "retry_at", disabledReason = "disabled_reason", createdAt = "created_at", updatedAt = "updated_at"
    }

    /// The same endpoint with its (opened) secret masked (`whsec_…abcd`).
    public var masked: WebhookEndpoint { with(secret: "whsec_…" + secret.suffix(4), id: secretID) }

    /// The same endpoint with its secret opened: the secret in full and its id.
    func with(secret: String) -> WebhookEndpoint { with(secret: secret, id: WebhookSigner.secretID(secret)) }

    private func with(secret: String, id secretID: String?) -> WebhookEndpoint {
        var copy = self
        copy.secret = secret
        copy.secretID = secretID
        return copy
    }
}

/// `POST /v1/wl/webhook-endpoints`.
public struct NewWebhookEndpoint: Decodable, Sendable {
    public var url: String
    public var events: [String]
    public var description: String?
    public var enabled: Bool?

    public init(url: String, events: [String], description: String? = nil, enabled: Bool? = nil) {
        self.url = url
        self.events = events
        self.description = description
        self.enabled = enabled
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case url, events, description, enabled }
}

/// `PATCH /v1/wl/webhook-endpoints/:id`.
public struct WebhookEndpointUpdate: Decodable, Sendable {
    public var url: String?
    public var events: [String]?
    public var description: String?
    public var enabled: Bool?

    public init(url: String? = nil, events: [String]? = nil, description: String? = nil, enabled: Bool? = nil) {
        self.url = url
        self.events = events
        self.description = description
        self.enabled = enabled
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case url, events, description, enabled }
}
