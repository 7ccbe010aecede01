import Kernel

/// The signed requests of a check-up, built from the time, the endpoint's secrets and a sample event. Each body is a
/// clearly marked sample (`"test": true`, `"check": <name>`); the repeat is the valid request byte for byte.
struct CheckUpRequests {
    /// One request: its check, headers and body.
    struct Request: Sendable {
        let check: ReceiverCheck
        let headers: [String: String]
        let body: [UInt8]
    }

    let type: WebhookEventType
    let livemode: Bool
    let apiVersion: String
    /// The endpoint's live secrets, current first.
    let secrets: [String]

    /// The four requests in order; `eventID` makes each check's event id (the repeat reuses the valid one's).
    func make(now: Timestamp, eventID: () -> String) -> [Request] {
        var requests = [Request]()
        for check in ReceiverCheck.allCases {
            if check == .repeat, let valid = requests.first {
                requests.append(Request(check: .repeat, headers: valid.headers, body: valid.body))
                continue
            }
            let id = eventID(), signedAt = now - check.age
            let body = Array(EventEnvelope.json(id: id, type: type.rawValue, occurredAt: now, livemode: livemode, sequence: 0, data: SampleEvents.data(for: type),
                                                apiVersion: apiVersion, test: true, check: check.rawValue).utf8)
            var signature = WebhookSigner.signatureHeader(id: id, timestamp: signedAt.seconds, body: body, secrets: secrets)
            if check == .tamperedSignature { signature = Self.tampered(signature) }
            requests.append(Request(check: check, headers: [
                "content-type": "application/json",
                "user-agent": "operator-api-webhooks/1.0 (check-up)",
                "webhook-id": id,
                "webhook-timestamp": String(signedAt.seconds),
                "webhook-signature": signature,
            ], body: body))
        }
        return requests
    }

    /// Every `v1,` signature of `header` with its first byte flipped: well-formed, and wrong.
    static func tampered(_ header: String) -> String {
        header.split(separator: " ").map { entry -> String in
            guard entry.hasPrefix("v1,"), var mac = Base64.decode(String(entry.dropFirst(3))), !mac.isEmpty else { return String(entry) }
            mac[0] ^= 0xFF
            return "v1," + Base64.encode(mac)
        }.joined(separator: " ")
    }
}
