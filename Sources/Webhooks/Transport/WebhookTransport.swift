import Foundation

/// One signed POST to a webhook endpoint.
public struct WebhookRequest: Sendable {
    public let url: URL
    public let headers: [String: String]
    public let body: [UInt8]
    public let timeout: Duration
}

/// How an attempt ended at the transport level.
public enum TransportResult: Sendable, Equatable {
    /// The receiver answered (any status). `body` is at most 4 KiB.
    case response(status: Int, retryAfter: Duration?, body: String)
    /// No answer: `errorClass` is `dns`, `connect`, `tls`, `timeout` or `blocked`.
    case failure(errorClass: String, message: String)
}

/// Sends webhook requests. The production transport is ``URLSessionTransport``.
public protocol WebhookTransport: Sendable {
    func send(_ request: WebhookRequest) async -> TransportResult
}
