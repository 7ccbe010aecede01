import Kernel

/// A notification in an operator's dashboard inbox, with the outcome of its WhatsApp copy.
///
/// Today the only kind is `wallet.low_balance`, so `data` is that event's payload.
public struct InboxItem: Codable, Sendable, Equatable {
    public var object = "inbox_item"
    public let id: String
    /// The event that raised it, e.g. `wallet.low_balance`.
    public let type: String
    public let title: String
    public let body: String
    public let data: LowBalancePayload
    public let read: Bool
    public let readAt: Timestamp?
    /// What became of the WhatsApp alert.
    public let whatsapp: WhatsAppStatus
    /// Why the last WhatsApp attempt failed (e.g. `HTTP 400: …`), while retrying or after giving up.
    public let whatsappError: String?
    public let livemode: Bool
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, type, title, body, data, read, whatsapp, livemode
        case readAt = "read_at", createdAt = "created_at", whatsappError = "whatsapp_error"
    }
}

/// The WhatsApp copy of an inbox item.
public enum WhatsAppStatus: String, Codable, Sendable, SQLValueConvertible {
    /// Waiting for its first or next attempt.
    case pending
    /// Accepted by the WhatsApp Cloud API.
    case sent
    /// Refused for good (a 4xx) or out of attempts.
    case failed
    /// The server has no WhatsApp credentials: inbox only.
    case notConfigured = "not_configured"
    /// The wallet has no alert number: inbox only.
    case noNumber = "no_number"
}

/// One page of the inbox, newest first.
public struct InboxPage: Codable, Sendable, Equatable {
    public var object = "list"
    public let data: [InboxItem]
    public let hasMore: Bool
    public let unreadCount: Int

    enum CodingKeys: String, CodingKey { case object, data, hasMore = "has_more", unreadCount = "unread_count" }
}
