/// The four requests of a receiver check-up, sent in this order.
public enum ReceiverCheck: String, Codable, Sendable, CaseIterable {
    /// Correctly signed, timestamped now: a verifying receiver accepts it (2xx).
    case valid
    /// Signed now, but the signature is wrong: it must be refused (any non-2xx).
    case tamperedSignature = "tampered_signature"
    /// Correctly signed, but `webhook-timestamp` is 10 minutes old: it must be refused, or captured requests can be
    /// replayed.
    case staleTimestamp = "stale_timestamp"
    /// The valid request again, byte for byte (same `webhook-id`, timestamp, signature and body): reported, not judged.
    case `repeat`

    /// What a receiver that verifies should do with it; nil for the repeat, which the check-up cannot judge.
    public var shouldAccept: Bool? {
        switch self {
        case .valid: true
        case .tamperedSignature, .staleTimestamp: false
        case .repeat: nil
        }
    }

    /// How old the request's `webhook-timestamp` is.
    var age: Duration { self == .staleTimestamp ? .seconds(600) : .zero }
}
