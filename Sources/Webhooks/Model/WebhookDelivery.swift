import Kernel

/// One delivery of one event to one endpoint, with every attempt.
public struct WebhookDelivery: Codable, Sendable, Equatable {
    public var object = "webhook_delivery"
    public let id: String
    public let eventID: String
    public let eventType: String
    public let endpointID: String
    public let status: DeliveryStatus
    /// Retries made so far (0…3): the dashboard's "Retrying (2/3)".
    public let retries: Int
    public let lastStatusCode: Int?
    public let lastLatencyMs: Int?
    /// When the next attempt goes (nil when finished, or while it waits behind `blocked_by`).
    public let nextAttemptAt: Timestamp?
    /// Why then (nil when finished).
    public let nextAttemptReason: NextAttemptReason?
    /// The earlier delivery about the same subject to the same endpoint this one waits for.
    public let blockedBy: String?
    public let replayOf: String?
    public let test: Bool
    public let livemode: Bool
    public let createdAt: Timestamp
    public let completedAt: Timestamp?
    /// Oldest first. Lists leave it empty; the single-delivery view fills it.
    public internal(set) var attempts: [WebhookAttempt]
    /// The exact JSON body sent (only in the single-delivery view).
    public let payload: String?

    enum CodingKeys: String, CodingKey {
        case object, id, status, retries, test, livemode, attempts, payload
        case eventID = "event_id", eventType = "event_type", endpointID = "endpoint_id"
        case lastStatusCode = "last_status_code", lastLatencyMs = "last_latency_ms", nextAttemptAt = "next_attempt_at"
        case nextAttemptReason = "next_attempt_reason", blockedBy = "blocked_by"
        case replayOf = "replay_of", createdAt = "created_at", completedAt = "completed_at"
    }
}

/// One HTTP attempt of a delivery.
public struct WebhookAttempt: Codable, Sendable, Equatable {
    public let number: Int
    public let startedAt: Timestamp
    public let statusCode: Int?
    public let latencyMs: Int
    /// `dns`, `connect`, `tls`, `timeout`, `http` or `blocked`; nil for a 2xx.
    public let errorClass: String?
    public let error: String?
    public let requestHeaders: [String: String]
    /// Up to 1 KiB of the response body (none from an address the SSRF guard refused: no request was made).
    public let responseBody: String?
    /// For an attempt that failed, in the single-delivery view: what it signed and with which secret.
    public internal(set) var signed: SignedContent? = nil

    /// Whether the receiver did not take it (no 2xx).
    public var failed: Bool { !(statusCode.map { (200..<300).contains($0) } ?? false) }

    enum CodingKeys: String, CodingKey {
        case number, error, signed
        case startedAt = "started_at", statusCode = "status_code", latencyMs = "latency_ms", errorClass = "error_class"
        case requestHeaders = "request_headers", responseBody = "response_body"
    }
}

/// Filters of `GET /v1/wl/webhook-deliveries`.
public struct DeliveryQuery: Sendable {
    public var limit = 50
    public var startingAfter: String?
    public var eventType: String?
    /// A ``DeliveryStatus`` raw value; checked by ``Webhooks/listDeliveries(_:_:)``.
    public var status: String?
    public var endpointID: String?

    public init(limit: Int = 50, startingAfter: String? = nil, eventType: String? = nil, status: String? = nil, endpointID: String? = nil) {
        self.limit = limit
        self.startingAfter = startingAfter
        self.eventType = eventType
        self.status = status
        self.endpointID = endpointID
    }
}
