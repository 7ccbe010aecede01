import Kernel

/// Standard Webhooks 1.0 signatures: `v1,` + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")), where the
/// secret is the base64 after `whsec_`. During a secret rotation's overlap every delivery carries one signature
/// per live secret, space-separated, so receivers on either secret verify.
public enum WebhookSigner {
    /// The `webhook-signature` header value for `secrets` (current first).
    public static func signatureHeader(id: String, timestamp: Int64, body: [UInt8], secrets: [String]) -> String {
        secrets.compactMap { signature(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    /// One `v1,…` signature, or nil when the secret is malformed.
    public static func signature(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String? {
        guard secret.hasPrefix("whsec_"), let key = Base64.decode(String(secret.dropFirst(6))) else { return nil }
        let message = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Base64.encode(Digest.hmacSHA256(key: key, message: message))
    }

    /// Verifies a `webhook-signature` header the way a receiver does: any `v1` entry matching, compared in
    /// constant time, with the timestamp within `tolerance` of `now`.
    public static func verify(header: String, id: String, timestamp: Int64, body: [UInt8], secret: String, now: Timestamp,
                              tolerance: Duration = .seconds(300)) -> Bool {
        guard abs(now.seconds - timestamp) <= tolerance.milliseconds / 1000,
              let expected = signature(id: id, timestamp: timestamp, body: body, secret: secret)
        else { return false }
        return header.split(separator: " ").contains { ConstantTime.equals(Array($0.utf8), Array(expected.utf8)) }
    }

    /// A secret's public name, `whsk_` + 16 hex digits of a SHA-256 of it: shown beside the masked secret and in the
    /// inspector, so an operator can tell which secret signed a delivery without the secret being shown. (It reveals
    /// nothing usable: the secret is 32 random bytes.)
    public static func secretID(_ secret: String) -> String {
        "whsk_" + String(Digest.sha256("operator-api webhook secret id\u{0}" + secret).hexString.prefix(16))
    }

    /// A new endpoint secret: `whsec_` + base64 of 32 random bytes.
    public static func newSecret() -> String { "whsec_" + Base64.encode(SecureRandom.bytes(32)) }
}
