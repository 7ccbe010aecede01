import Foundation

/// An event as the bus stores and delivers it: committed, numbered and immutable.
public struct Event: Sendable, Hashable, Identifiable {
    /// Position in the outbox; strictly increasing, never reused.
    public let sequence: Int64
    /// `evt_…`, stable for the life of the event (it is the webhook id receivers dedupe on).
    public let id: String
    /// Dotted type, e.g. `user.created`.
    public let type: String
    /// The operator id the event belongs to.
    public let tenant: String
    public let mode: Mode
    public let occurredAt: Timestamp
    /// The event's data as JSON text.
    public let payload: String
    /// Position among the events of its tenant and mode: strictly increasing in commit order, never reused, and
    /// telling nothing of other tenants (webhook envelopes carry it as `sequence`, so receivers can order and dedupe).
    public let tenantSequence: Int64

    public init(
        sequence: Int64, id: String, type: String, tenant: String, mode: Mode, occurredAt: Timestamp, payload: String, tenantSequence: Int64 = 0
    ) {
        self.sequence = sequence
        self.id = id
        self.type = type
        self.tenant = tenant
        self.mode = mode
        self.occurredAt = occurredAt
        self.payload = payload
        self.tenantSequence = tenantSequence
    }

    /// Decodes the payload.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSON.decoder.decode(T.self, from: Data(payload.utf8))
    }
}

/// An event about to be published in a transaction (``Transaction/publish(_:)``).
public struct NewEvent: Sendable {
    public let type: String
    public let tenant: String
    public let mode: Mode
    public let payload: String
    /// Normally nil: the outbox assigns a fresh `evt_…` id.
    public let id: String?

    /// An event whose data is `payload` encoded as JSON.
    public init(type: String, tenant: String, mode: Mode, payload: some Encodable, id: String? = nil) throws {
        self.type = type
        self.tenant = tenant
        self.mode = mode
        self.payload = try JSON.encodeString(payload)
        self.id = id
    }

    /// An event whose data `payload` writes itself (a payload published on the hot path).
    public init(type: String, tenant: String, mode: Mode, writing payload: some JSONWritable, id: String? = nil) {
        self.type = type
        self.tenant = tenant
        self.mode = mode
        self.payload = String(decoding: JSONWriter.encode(payload), as: UTF8.self)
        self.id = id
    }
}
