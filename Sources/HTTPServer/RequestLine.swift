import HTTPCore

/// `method SP request-target SP HTTP-version` (RFC 9112 §3), checked.
struct RequestLine: Sendable {
    var method: HTTPMethod
    var target: String
    var isAbsoluteForm: Bool
    var version: HTTPVersion

    /// Parses a line without its CRLF.
    init(_ line: UnsafeRawBufferPointer, limits: HTTPParser.Limits) throws(HTTPParseError) {
        let malformed = HTTPParseError.badRequest("The request line is not a method, a target and a version.")
        guard let firstSpace = line.firstIndex(of: ASCII.space, from: 0),
            let secondSpace = line.firstIndex(of: ASCII.space, from: firstSpace + 1),
            firstSpace > 0, line.allSatisfy(0..<firstSpace, ASCII.isToken)
        else { throw malformed }

        let targetRange = firstSpace + 1..<secondSpace
        guard !targetRange.isEmpty else { throw malformed }
        guard targetRange.count <= limits.maxURIBytes else {
            throw HTTPParseError(status: 414, detail: "The request target exceeds \(limits.maxURIBytes) bytes.")
        }
        guard line.allSatisfy(targetRange, ASCII.isTargetByte) else {
            throw .badRequest("The request target contains a character that is not allowed in a URI.")
        }
        version = try Self.version(UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...]))
        method = HTTPMethod(line.string(0..<firstSpace))
        target = line.string(targetRange)
        isAbsoluteForm = try Self.checkForm(of: target, method: method)
    }

    /// `HTTP/x.y`. HTTP/1.0 and 1.1 are served; a later 1.x is served as 1.1 (RFC 9110 §6.2); others get 505.
    private static func version(_ text: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPVersion {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard text.count == 8, text.starts(with: "HTTP/".utf8), isDigit(text[5]), text[6] == 0x2E, isDigit(text[7]) else {
            throw .badRequest("The request line does not end with a valid HTTP version.")
        }
        let major = Int(text[5] - 0x30), minor = Int(text[7] - 0x30)
        guard major == 1 else {
            throw HTTPParseError(status: 505, detail: "HTTP/\(major).\(minor) is not supported; use HTTP/1.1.")
        }
        return minor == 0 ? .http10 : .http11
    }

    /// Origin form (`/path?query`) is the norm; absolute form must be accepted (RFC 9112 §3.2.2); `*` only
    /// goes with OPTIONS. Returns whether the target is in absolute form.
    private static func checkForm(of target: String, method: HTTPMethod) throws(HTTPParseError) -> Bool {
        if method.rawValue == "CONNECT" {
            throw HTTPParseError(status: 501, detail: "CONNECT tunnels are not supported.")
        }
        if target.utf8.first == UInt8(ascii: "/") { return false }
        if target == "*" {
            guard method == .options else { throw .badRequest("Only OPTIONS may target \"*\".") }
            return false
        }
        if let separator = target.range(of: "://"), target[..<separator.lowerBound].isURIScheme { return true }
        throw .badRequest("The request target is neither a path nor an absolute URI.")
    }
}

extension Substring {
    /// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986 §3.1).
    fileprivate var isURIScheme: Bool {
        guard let first = utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { return false }
        return utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E
        }
    }
}
