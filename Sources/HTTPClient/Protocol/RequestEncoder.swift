import HTTPCore

/// Writes a request as HTTP/1.1 bytes: request line, `Host`, the caller's fields, `Content-Length`, body.
enum RequestEncoder {
    /// Fields the client writes itself; a request that sets them would contradict its own framing.
    static let reservedFields: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    static func encode(_ request: HTTPClientRequest, to target: RequestTarget) throws(HTTPClientError) -> [UInt8] {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(ASCII.isToken) else {
            throw HTTPClientError(.invalidRequest, "the method \(request.method) is not a token")
        }
        var head = "\(request.method) \(target.target) HTTP/1.1\r\nHost: \(target.origin.hostField)\r\n"
        for field in request.headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(ASCII.isToken), field.value.utf8.allSatisfy(ASCII.isFieldContent) else {
                throw HTTPClientError(.invalidRequest, "the header field \(field.name) has a character a field may not have")
            }
            guard !reservedFields.contains(field.name.lowercased()) else {
                throw HTTPClientError(.invalidRequest, "the client writes \(field.name) itself")
            }
            head += "\(field.name): \(field.value)\r\n"
        }
        if !request.body.isEmpty || !["GET", "HEAD", "DELETE", "OPTIONS"].contains(request.method) {
            head += "Content-Length: \(request.body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: request.body)
        return bytes
    }
}
