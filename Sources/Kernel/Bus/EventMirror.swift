/// One event type a subscriber reads and the type it decodes the payload into: the subscriber's own mirror of the
/// publisher's payload (modules share a wire format, never types).
///
/// Subscribers declare their mirrors, and take their `accepts` from the declaration, so the contract tests can hold
/// every publisher's payload to every mirror of it.
public struct EventMirror: Sendable {
    /// The event type, e.g. `user.created`.
    public let type: String
    /// The mirror the payload decodes into.
    public let payload: any (Decodable & Sendable).Type

    public init(_ type: String, payload: any (Decodable & Sendable).Type) {
        self.type = type
        self.payload = payload
    }
}

extension Array where Element == EventMirror {
    /// The event types the mirrors cover.
    public var types: Set<String> { Set(map(\.type)) }
}
