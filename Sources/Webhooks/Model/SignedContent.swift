/// What a failed attempt signed, for an operator comparing with what their receiver computed: the exact signed
/// content `{webhook-id}.{webhook-timestamp}.{body}` and its length in bytes, and each signature sent with the id
/// of the secret that made it (never the secret).
public struct SignedContent: Codable, Sendable, Equatable {
    /// One `v1,…` entry of `webhook-signature`.
    public struct Signature: Codable, Sendable, Equatable {
        public let signature: String
        /// ``WebhookSigner/secretID(_:)`` of the secret that made it; nil when the endpoint no longer holds that
        /// secret (rotated out since, or the endpoint deleted).
        public let secretID: String?

        enum CodingKeys: String, CodingKey {
            case signature
            case secretID = "secret_id"
        }

        /// Encodes an unknown secret as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(signature, forKey: .signature)
            try container.encode(secretID, forKey: .secretID)
        }
    }

    public let content: String
    public let contentBytes: Int
    public let signatures: [Signature]

    enum CodingKeys: String, CodingKey {
        case content, signatures
        case contentBytes = "content_bytes"
    }

    /// What the attempt that sent `headers` with `payload` signed, its signatures matched against `secrets` (the
    /// endpoint's current and previous ones); nil when the headers carry no signature.
    static func of(headers: [String: String], payload: String, secrets: [String]) -> SignedContent? {
        guard let id = headers["webhook-id"], let timestamp = headers["webhook-timestamp"], let header = headers["webhook-signature"],
              let seconds = Int64(timestamp)
        else { return nil }
        let content = "\(id).\(timestamp).\(payload)", body = Array(payload.utf8)
        let signatures = header.split(separator: " ").map(String.init).map { entry in
            Signature(signature: entry, secretID: secrets.first {
                WebhookSigner.signature(id: id, timestamp: seconds, body: body, secret: $0) == entry
            }.map(WebhookSigner.secretID))
        }
        return SignedContent(content: content, contentBytes: content.utf8.count, signatures: signatures)
    }
}
