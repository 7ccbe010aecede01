import Kernel

/// A recovery: every event an endpoint is subscribed to that occurred in a time range, sent to it again, paced so
/// live deliveries keep flowing. Its counters move as its deliveries finish.
public struct WebhookRecovery: Codable, Sendable, Equatable {
    public var object = "webhook_recovery"
    public let id: String
    public let endpointID: String
    public let since: Timestamp
    public let until: Timestamp
    /// `running`, `completed` (every delivery finished), or `cancelled` (the endpoint was disabled or deleted).
    public let status: RecoveryStatus
    /// Events in the range.
    public let total: Int
    /// Deliveries created so far (they are created a window at a time).
    public let queued: Int
    public let delivered: Int
    public let failed: Int
    public let livemode: Bool
    public let createdAt: Timestamp
    public let completedAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case object, id, since, until, status, total, queued, delivered, failed, livemode
        case endpointID = "endpoint_id", createdAt = "created_at", completedAt = "completed_at"
    }
}

/// Where a recovery stands.
public enum RecoveryStatus: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    case running
    case completed
    case cancelled
}

/// The answer to a dry run: how many events a recovery of the range would send.
public struct RecoveryPreview: Codable, Sendable, Equatable {
    public var object = "webhook_recovery_preview"
    public let endpointID: String
    public let since: Timestamp
    public let until: Timestamp
    public var dryRun = true
    public let total: Int

    enum CodingKeys: String, CodingKey {
        case object, since, until, total
        case endpointID = "endpoint_id", dryRun = "dry_run"
    }
}

/// `POST /v1/wl/webhook-endpoints/:id/recover`.
public struct RecoveryRequest: Decodable, Sendable {
    public var since: Timestamp
    public var until: Timestamp
    public var dryRun: Bool?

    public init(since: Timestamp, until: Timestamp, dryRun: Bool? = nil) {
        self.since = since
        self.until = until
        self.dryRun = dryRun
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case since, until, dryRun = "dry_run" }
}
