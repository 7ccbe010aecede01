import Foundation
import Kernel

/// Filters of `GET /v1/wl/events`.
public struct EventQuery: Sendable {
    public var limit = 20
    public var startingAfter: String?
    public var type: String?
    public var createdSince: Timestamp?

    public init(limit: Int = 20, startingAfter: String? = nil, type: String? = nil, createdSince: Timestamp? = nil) {
        self.limit = limit
        self.startingAfter = startingAfter
        self.type = type
        self.createdSince = createdSince
    }
}

/// An event as the events API returns it: exactly the webhook envelope.
public struct EventObject: Encodable, Sendable {
    /// The envelope JSON, emitted verbatim.
    public let json: String

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(try JSON.decoder.decode(AnyJSON.self, from: Data(json.utf8)))
    }
}

extension Webhooks {
    /// The operator's events, newest first, so receivers can pull what they missed (kept ≥ 30 days).
    public func listEvents(_ scope: TenantScope, _ query: EventQuery) async throws -> Page<EventObject> {
        guard (1...100).contains(query.limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        if let type = query.type, !WebhookEventType.names.contains(type) { throw DomainError.invalidField("type", "is not an event type") }
        let types = query.type.map { [$0] } ?? WebhookEventType.names, apiVersion = settings.apiVersion
        return try await database.read { tx in
            var before: Int64?
            if let after = query.startingAfter {
                guard let cursor = try EventLog.find(id: after, tenant: scope.operatorID, mode: scope.mode, tx) else {
                    throw DomainError.unknownCursor("event", after)
                }
                before = cursor.sequence
            }
            let events = try EventLog.list(tenant: scope.operatorID, mode: scope.mode, types: types, createdSince: query.createdSince,
                                           before: before, limit: query.limit + 1, tx)
            return Page(fetched: events.map { EventObject(json: EventEnvelope.json(for: $0, apiVersion: apiVersion)) }, limit: query.limit)
        }
    }

    public func getEvent(_ scope: TenantScope, _ id: String) async throws -> EventObject {
        let apiVersion = settings.apiVersion
        return try await database.read { tx in
            guard let event = try EventLog.find(id: id, tenant: scope.operatorID, mode: scope.mode, tx),
                  WebhookEventType.names.contains(event.type)
            else { throw DomainError.notFound(.event, id) }
            return EventObject(json: EventEnvelope.json(for: event, apiVersion: apiVersion))
        }
    }
}
