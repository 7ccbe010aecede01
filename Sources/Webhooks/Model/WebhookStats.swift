import Kernel

/// Delivery figures per event type over the last N days (IST days), for the dashboard's subscription rows.
public struct WebhookStats: Codable, Sendable, Equatable {
    public var object = "webhook_stats"
    public let days: Int
    public let data: [EventTypeStats]
}

/// One event type's figures.
public struct EventTypeStats: Codable, Sendable, Equatable {
    public let eventType: String
    public let delivered: Int
    public let deliveredAfterRetry: Int
    public let failed: Int
    public let retrying: Int
    public let pending: Int
    /// Delivered (first try or after retry) ÷ finished; nil when nothing finished.
    public let successRate: Double?
    public let latencyP50Ms: Int?
    public let latencyP95Ms: Int?
    /// Oldest day first.
    public let daily: [DayStats]

    enum CodingKeys: String, CodingKey {
        case delivered, failed, retrying, pending, daily
        case eventType = "event_type", deliveredAfterRetry = "delivered_after_retry", successRate = "success_rate"
        case latencyP50Ms = "latency_p50_ms", latencyP95Ms = "latency_p95_ms"
    }
}

/// One IST day's counts.
public struct DayStats: Codable, Sendable, Equatable {
    public let date: String
    public let delivered: Int
    public let failed: Int
}
