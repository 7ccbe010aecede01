import Kernel

/// How the receiver answered one check-up request.
public struct CheckUpOutcome: Encodable, Sendable, Equatable {
    public let check: ReceiverCheck
    /// What a verifying receiver does with it: `accept`, `refuse`, or `either` (the repeat, which is reported).
    public let expected: String
    public let webhookID: String
    public let webhookTimestamp: Int64
    /// The HTTP status; nil when no answer came (see `error_class`).
    public let statusCode: Int?
    public let latencyMs: Int
    /// `dns`, `connect`, `tls`, `timeout`, `http` or `blocked` when no answer came.
    public let errorClass: String?
    public let error: String?
    /// Up to 1 KiB of the answer.
    public let responseBody: String?
    /// What the connection's TLS negotiated; nil over plain HTTP.
    public let tls: CheckUpTLS?
    /// Whether the receiver did what a verifying one does; nil for the repeat.
    public let passed: Bool?

    /// Whether the receiver took the request (answered 2xx).
    public var accepted: Bool { statusCode.map { (200..<300).contains($0) } ?? false }

    init(check: ReceiverCheck, webhookID: String, webhookTimestamp: Int64, latencyMs: Int, probe: ProbeResult) {
        self.check = check
        expected = check.shouldAccept.map { $0 ? "accept" : "refuse" } ?? "either"
        self.webhookID = webhookID
        self.webhookTimestamp = webhookTimestamp
        self.latencyMs = latencyMs
        switch probe.result {
        case .response(let status, _, let body):
            (statusCode, errorClass, error, responseBody) = (status, nil, nil, body)
        case .failure(let kind, let message):
            (statusCode, errorClass, error, responseBody) = (nil, kind, message, nil)
        }
        tls = probe.tls.map(CheckUpTLS.init)
        let accepted = statusCode.map { (200..<300).contains($0) } ?? false
        passed = check.shouldAccept.map { $0 == accepted }
    }

    enum CodingKeys: String, CodingKey {
        case check, expected, error, tls, passed
        case webhookID = "webhook_id", webhookTimestamp = "webhook_timestamp", statusCode = "status_code", latencyMs = "latency_ms"
        case errorClass = "error_class", responseBody = "response_body"
    }

    /// Encodes every member, the absent as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(expected, forKey: .expected)
        try container.encode(webhookID, forKey: .webhookID)
        try container.encode(webhookTimestamp, forKey: .webhookTimestamp)
        try container.encode(statusCode, forKey: .statusCode)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(errorClass, forKey: .errorClass)
        try container.encode(error, forKey: .error)
        try container.encode(responseBody, forKey: .responseBody)
        try container.encode(tls, forKey: .tls)
        try container.encode(passed, forKey: .passed)
    }
}
