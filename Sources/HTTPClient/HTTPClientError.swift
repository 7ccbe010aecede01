/// Why an exchange produced no response. Compare by ``code``; ``message`` is for people and logs.
public struct HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure it was: stable, and what callers switch on.
    public enum Code: String, Sendable, CaseIterable {
        /// The host name did not resolve.
        case dns
        /// Every address the name resolved to was refused by the address policy: no connection was attempted.
        case blocked
        /// No TCP connection could be made to any permitted address, or it was reset or closed before the
        /// response was complete.
        case connect
        /// The TLS handshake failed: an untrusted or expired certificate, a name mismatch, no common protocol.
        case tls
        /// The whole exchange (waiting for a connection, connecting, TLS, writing, reading) missed its deadline.
        case timeout
        /// The peer answered with something that is not an HTTP/1.x response.
        case malformedResponse = "malformed_response"
        /// The request cannot be sent: not an `http`/`https` URL, or a header that would break the framing.
        case invalidRequest = "invalid_request"
        /// The caller's task was cancelled.
        case cancelled
        /// The client was shut down.
        case shutDown = "shut_down"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
