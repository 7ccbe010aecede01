import Foundation
import HTTPClient

/// One signed POST to a webhook endpoint.
public struct WebhookRequest: Sendable {
    public let url: URL
    public let headers: [String: String]
    public let body: [UInt8]
    public let timeout: Duration
}

/// How an attempt ended at the transport level.
public enum TransportResult: Sendable, Equatable {
    /// The receiver answered (any status). `body` is at most 1 KiB.
    case response(status: Int, retryAfter: Duration?, body: String)
    /// No answer: `errorClass` is `dns`, `connect`, `tls`, `timeout`, `blocked`, or `http` for an answer that is
    /// not HTTP.
    case failure(errorClass: String, message: String)
}

/// Sends webhook requests. The production transport is ``HTTPClientTransport``; a transport is where the SSRF
/// guard holds at delivery time (it must connect only to addresses ``AddressGuard`` permits, unless private
/// targets are allowed).
public protocol WebhookTransport: Sendable {
    func send(_ request: WebhookRequest) async -> TransportResult
    /// Sends `request` as ``send(_:)`` does and also reports what TLS negotiated (the receiver check-up).
    func probe(_ request: WebhookRequest) async -> ProbeResult
}

extension WebhookTransport {
    /// A transport that cannot tell about TLS reports none.
    public func probe(_ request: WebhookRequest) async -> ProbeResult {
        ProbeResult(result: await send(request), tls: nil)
    }
}

/// How a probe ended, and what its connection's TLS negotiated (nil over plain HTTP or when unknown).
public struct ProbeResult: Sendable, Equatable {
    public let result: TransportResult
    public let tls: TLSDetails?

    public init(result: TransportResult, tls: TLSDetails?) {
        self.result = result
        self.tls = tls
    }
}
