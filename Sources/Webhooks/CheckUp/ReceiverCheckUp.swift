import Kernel

/// The answer of `POST /v1/wl/webhook-endpoints/:id/check-up`: each request's outcome and the verdict.
public struct ReceiverCheckUp: Encodable, Sendable, Equatable {
    /// `pass` or `fail`.
    public enum Verdict: String, Encodable, Sendable {
        case pass, fail
    }

    public var object = "webhook_check_up"
    public let endpointID: String
    public let url: String
    public let livemode: Bool
    public let checkedAt: Timestamp
    /// `pass` only when the receiver accepted the valid request and refused the tampered and the stale ones.
    public let verdict: Verdict
    /// In the order sent: valid, tampered_signature, stale_timestamp, repeat.
    public let checks: [CheckUpOutcome]
    /// What to fix, one sentence each; empty on a pass.
    public let fixes: [String]
    /// What the check-up reports without judging (the repeat; a certificate close to expiry).
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case object, url, livemode, verdict, checks, fixes, notes
        case endpointID = "endpoint_id", checkedAt = "checked_at"
    }
}
