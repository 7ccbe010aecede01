import Kernel

/// A notification in an operator's dashboard inbox, with the outcome of its WhatsApp copy: a low wallet balance
/// (`wallet.low_balance`) or a webhook endpoint the platform disabled (`webhook_endpoint.disabled`); `data` is what
/// that event said.
public struct InboxItem: Encodable, Sendable, Equatable {
    public var object = "inbox_item"
    public let id: String
    /// The event that raised it, e.g. `wallet.low_balance`.
    public let type: String
    public let title: String
    public let body: String
    public let data: InboxItemData
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
public struct InboxPage: Encodable, Sendable, Equatable {
    public var object = "list"
    public let data: [InboxItem]
    public let hasMore: Bool
    public let unreadCount: Int

    enum CodingKeys: String, CodingKey { case object, data, hasMore = "has_more", unreadCount = "unread_count" }
}

/// What an inbox item is about: the payload of the event that raised it, encoded as that payload.
public enum InboxItemData: Encodable, Sendable, Equatable {
    case lowBalance(LowBalancePayload)
    case endpointDisabled(EndpointDisabledAlert)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .lowBalance(let payload): try payload.encode(to: encoder)
        case .endpointDisabled(let payload): try payload.encode(to: encoder)
        }
    }

    /// The wallet as it stood, for a `wallet.low_balance` item.
    public var lowBalance: LowBalancePayload? {
        if case .lowBalance(let payload) = self { return payload }
        return nil
    }

    /// The endpoint and why, for a `webhook_endpoint.disabled` item.
    public var endpointDisabled: EndpointDisabledAlert? {
        if case .endpointDisabled(let payload) = self { return payload }
        return nil
    }
}
