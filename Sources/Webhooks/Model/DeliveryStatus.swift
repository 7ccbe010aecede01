import Kernel

/// Where a webhook delivery stands; the raw values are its spelling in the API and in storage.
public enum DeliveryStatus: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    /// Waiting for its first attempt.
    case pending
    /// An attempt failed; another is scheduled.
    case retrying
    /// The first attempt succeeded.
    case delivered
    /// An attempt after a failed one succeeded.
    case deliveredAfterRetry = "delivered_after_retry"
    /// Out of retries, or the receiver answered 410 Gone.
    case failed

    /// Whether an attempt is still to come.
    public var isDue: Bool { self == .pending || self == .retrying }

    /// Whether the receiver got it, on the first attempt or a later one.
    public var isDelivered: Bool { self == .delivered || self == .deliveredAfterRetry }
}
