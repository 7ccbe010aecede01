/// A request's line and header fields, parsed and checked, with what they say about the body and the connection.
struct HTTPRequestHead: Sendable {
    var method: HTTPMethod
    var target: String
    /// The target was in absolute form (`http://host/path`); the request path is its path part.
    var isAbsoluteForm = false
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: BodyFraming
    /// The client allows the connection to stay open after the response (RFC 9112 §9.3).
    var keepAlive: Bool
    /// The client sent `Expect: 100-continue` and waits for an interim response before sending the body.
    var expectsContinue: Bool

    /// A body follows the head.
    var hasBody: Bool { framing != .length(0) }
}

/// How the end of a request body is found (RFC 9112 §6.3).
enum BodyFraming: Sendable, Equatable {
    /// Exactly this many bytes (0: no body).
    case length(Int)
    /// Chunked transfer coding, ended by a zero-size chunk and the trailer section.
    case chunked
}

extension HTTPRequest {
    /// The request the handler receives for `head` and its body.
    init(head: HTTPRequestHead, body: [UInt8], trailers: HTTPHeaders) {
        self.init(method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
        self.trailers = trailers
        if head.isAbsoluteForm { (path, query) = Self.split(Self.originPart(ofAbsolute: head.target)) }
    }

    /// `/path?query` of `scheme://authority/path?query` (`/` when the path is empty).
    private static func originPart(ofAbsolute target: String) -> String {
        guard let separator = target.range(of: "://") else { return "/" }
        let rest = target[separator.upperBound...]
        guard let start = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        return rest[start] == "/" ? String(rest[start...]) : "/" + rest[start...]
    }
}
