/// One request: a method, an absolute `http`/`https` URL, header fields and a body.
///
/// The client writes `Host` and `Content-Length` itself (and the body as one piece), so the request may not carry
/// them, nor `Transfer-Encoding` or `Connection`.
public struct HTTPClientRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The most response-body bytes kept (and read). A longer body is cut there, marked truncated, and its
    /// connection closed rather than read to the end: a peer sending gigabytes costs at most this much.
    public var maxResponseBodyBytes: Int

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                maxResponseBodyBytes: Int = 64 << 10) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.maxResponseBodyBytes = maxResponseBodyBytes
    }
}
