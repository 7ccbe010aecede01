import Kernel

/// `webhook_endpoint.disabled`: the platform disabled an endpoint. Webhooks publishes it on the bus; Billing tells
/// the operator through the inbox and WhatsApp, and it is delivered to the operator's other endpoints subscribed to it
/// (never to the disabled one).
public struct EndpointDisabledPayload: Codable, Sendable, Equatable {
    public let endpointID: String
    public let url: String
    /// `gone` (it answered 410) or `failing` (every attempt failed for 5 days).
    public let reason: DisabledReason
    /// When the run of failures began (`failing` only).
    public let failingSince: Timestamp?
    /// What the last attempt got, e.g. `HTTP 500` or `timeout: …`.
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
