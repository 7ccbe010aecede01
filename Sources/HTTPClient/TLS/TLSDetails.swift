/// What a TLS connection negotiated, as a response reports it: the protocol version and when the receiver's
/// certificate stops being valid (for a receiver check-up that warns before it does).
public struct TLSDetails: Sendable, Equatable {
    /// OpenSSL's name of the version: `TLSv1.2`, `TLSv1.3`.
    public let version: String
    /// The peer certificate's `notAfter`, in Unix seconds; nil when it could not be read.
    public let certificateExpiresAt: Int64?

    public init(version: String, certificateExpiresAt: Int64?) {
        self.version = version
        self.certificateExpiresAt = certificateExpiresAt
    }
}
