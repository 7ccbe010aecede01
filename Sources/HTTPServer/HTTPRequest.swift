import Foundation

/// A complete HTTP request as the server hands it to a handler: head parsed, body fully read (de-chunked).
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (origin form: path and optional query).
    public var target: String
    /// The path part of the target, not percent-decoded.
    public var path: String
    /// The query part of the target without the `?`, or nil.
    public var query: String?
    /// `(1, 1)` or `(1, 0)`.
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Trailer fields sent after a chunked body (RFC 9112 §7.1.2); empty for other requests.
    public var trailers: HTTPHeaders = [:]
    /// The peer's address, e.g. `127.0.0.1`; empty when unknown.
    public var remoteAddress: String
    /// The client's address, which per-address limits count and the access log shows: the peer's, unless the API
    /// layer found the peer to be a trusted reverse proxy and set the address it forwarded the request for.
    public var clientAddress: String {
        get { forwardedFor ?? remoteAddress }
        set { forwardedFor = newValue }
    }
    private var forwardedFor: String?

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http11,
        headers: HTTPHeaders = [:], body: [UInt8] = [], remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        (path, query) = Self.split(target)
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Splits an origin-form target into its path and its query (without the `?`).
    static func split(_ target: some StringProtocol) -> (path: String, query: String?) {
        guard let q = target.firstIndex(of: "?") else { return (String(target), nil) }
        return (String(target[..<q]), String(target[target.index(after: q)...]))
    }

    /// The decoded query parameters, in order (`+` is a space; percent escapes decoded).
    public var queryItems: [(name: String, value: String)] {
        guard let query else { return [] }
        return Self.formItems(query)
    }

    /// Decodes `application/x-www-form-urlencoded` text (a query string or a form body), in order: `+` is a
    /// space and percent escapes are decoded.
    public static func formItems(_ encoded: String) -> [(name: String, value: String)] {
        encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                // Most names and values need no decoding; Foundation's replacing and percent-decoding cost more than the rest.
                guard s.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(s) }
                return String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// The HTTP version of a request or response.
public struct HTTPVersion: Hashable, Sendable {
    public var major: Int
    public var minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    public static let http11 = HTTPVersion(major: 1, minor: 1)
    public static let http10 = HTTPVersion(major: 1, minor: 0)
}
