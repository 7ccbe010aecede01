/// A final response (interim 1xx responses are skipped). Redirects are responses like any other: never followed.
public struct HTTPClientResponse: Sendable, Equatable {
    public let status: Int
    /// Header fields in the order received; names lower-cased.
    public let headers: [HeaderField]
    /// At most the request's `maxResponseBodyBytes` of the body.
    public let body: [UInt8]
    /// Whether the body was longer than what was kept (the rest was never read).
    public let bodyTruncated: Bool
    /// What the connection's TLS negotiated; nil over plain HTTP.
    public internal(set) var tls: TLSDetails?

    /// One header field.
    public struct HeaderField: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public init(status: Int, headers: [HeaderField], body: [UInt8], bodyTruncated: Bool, tls: TLSDetails? = nil) {
        self.tls = tls
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
    }

    /// The first value of the field `name` (give it lower-cased), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
