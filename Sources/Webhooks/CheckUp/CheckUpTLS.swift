import HTTPClient
import Kernel

/// The TLS a check-up request negotiated: the version and when the receiver's certificate expires.
public struct CheckUpTLS: Encodable, Sendable, Equatable {
    /// `TLSv1.2` or `TLSv1.3`.
    public let version: String
    public let certificateExpiresAt: Timestamp?

    init(_ details: TLSDetails) {
        version = details.version
        certificateExpiresAt = details.certificateExpiresAt.map { Timestamp(milliseconds: $0 * 1000) }
    }

    enum CodingKeys: String, CodingKey {
        case version
        case certificateExpiresAt = "certificate_expires_at"
    }

    /// Encodes an unknown expiry as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(certificateExpiresAt, forKey: .certificateExpiresAt)
    }
}
