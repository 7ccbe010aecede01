import HTTPServer
import Kernel

/// The id that ties a response to its log lines: taken from the caller when it sent a sane one (so ids can follow a
/// request through proxies), otherwise a fresh `req_…`.
public enum RequestID {
    /// Request headers looked at, in order.
    public static let incomingHeaders = ["Request-Id", "X-Request-Id"]
    public static let maximumLength = 128

    /// The first incoming id that is 1…128 characters of `[A-Za-z0-9._-]`; anything else is ignored rather than
    /// refused, and never echoed, so a hostile value cannot reach logs or headers.
    public static func resolve(_ headers: HTTPHeaders) -> String {
        for name in incomingHeaders {
            if let value = headers[name], isWellFormed(value) { return value }
        }
        return Identifier.make(.request)
    }

    static func isWellFormed(_ value: String) -> Bool {
        (1...maximumLength).contains(value.utf8.count) && value.utf8.allSatisfy { b in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}
