import Foundation
import Kernel

/// Filters, order and cursor of `GET /v1/wl/events`.
public struct EventQuery: Sendable {
    public var limit = 20
    /// An event id: the page starts just past it, in the page's order.
    public var startingAfter: String?
    /// An event id: the page ends just before it, in the page's order (the page before a page).
    public var endingBefore: String?
    public var type: String?
    /// The earliest and latest `occurred_at` wanted, both inclusive (the retention window narrows them further).
    public var occurredFrom: Timestamp?
    public var occurredThrough: Timestamp?
    public var order: EventLog.Direction = .newestFirst

    public init(
        limit: Int = 20, startingAfter: String? = nil, endingBefore: String? = nil, type: String? = nil,
        occurredFrom: Timestamp? = nil, occurredThrough: Timestamp? = nil, order: EventLog.Direction = .newestFirst
    ) {
        self.limit = limit
        self.startingAfter = startingAfter
        self.endingBefore = endingBefore
        self.type = type
        self.occurredFrom = occurredFrom
        self.occurredThrough = occurredThrough
        self.order = order
    }
}

/// An event as the events API returns it: exactly the webhook envelope.
public struct EventObject: Sendable {
    /// The envelope JSON, served verbatim (never decoded and encoded again: that cost more than the query).
    public let json: String
}

/// A page of events, in the page's order.
public struct EventPage: Sendable {
    public let data: [EventObject]
    public let hasMore: Bool
}

extension Webhooks {
    /// How long the events API serves an event.
    public static let eventRetention: Duration = .seconds(30 * 86_400)

    /// The operator's events of the last 30 days, a page at a time, newest or oldest first, so receivers can pull
    /// what they missed or walk a time range.
    public func listEvents(_ scope: TenantScope, _ query: EventQuery) async throws -> EventPage {
        guard (1...100).contains(query.limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        if let type = query.type, !WebhookEventType.names.contains(type) { throw DomainError.invalidField("type", "is not an event type") }
        guard query.startingAfter == nil || query.endingBefore == nil else {
            throw DomainError.invalidField("ending_before", "cannot be combined with starting_after")
        }
        let types = query.type.map { [$0] } ?? WebhookEventType.names, apiVersion = settings.apiVersion
        return try await database.read { tx in
            let kept = tx.now - Self.eventRetention
            let lower = max(query.occurredFrom ?? kept, kept), upper = query.occurredThrough ?? Timestamp(milliseconds: .max)
            guard lower <= upper else { return EventPage(data: [], hasMore: false) }
            // A page ending before an event runs the other way from it, and is then turned round.
            let backwards = query.endingBefore != nil
            let direction: EventLog.Direction = (query.order == .oldestFirst) != backwards ? .oldestFirst : .newestFirst
            var cursor: Event?
            if let id = query.startingAfter ?? query.endingBefore {
                guard let found = try EventLog.find(id: id, tenant: scope.operatorID, mode: scope.mode, tx) else {
                    throw DomainError.unknownCursor("event", id)
                }
                cursor = found
            }
            let events = try EventLog.list(tenant: scope.operatorID, mode: scope.mode, types: types, occurred: lower...upper, after: cursor.map(EventLog.Position.init),
                                           direction: direction, limit: query.limit + 1, tx)
            let page = events.prefix(query.limit).map { EventObject(json: EventEnvelope.json(for: $0, apiVersion: apiVersion)) }
            return EventPage(data: backwards ? page.reversed() : page, hasMore: events.count > query.limit)
        }
    }

    /// One event of the last 30 days.
    public func getEvent(_ scope: TenantScope, _ id: String) async throws -> EventObject {
        let apiVersion = settings.apiVersion
        return try await database.read { tx in
            guard let event = try EventLog.find(id: id, tenant: scope.operatorID, mode: scope.mode, tx),
                  WebhookEventType.names.contains(event.type), event.occurredAt >= tx.now - Self.eventRetention
            else { throw DomainError.notFound(.event, id) }
            return EventObject(json: EventEnvelope.json(for: event, apiVersion: apiVersion))
        }
    }
}
