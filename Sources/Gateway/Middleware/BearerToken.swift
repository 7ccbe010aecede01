import HTTPServer

/// Reads `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is case-insensitive).
enum BearerToken {
    enum Outcome: Equatable {
        case missing
        /// A header that is present but not a well-formed bearer credential.
        case malformed
        /// More than one `Authorization` field: which credential the request stands for is ambiguous.
        case duplicate
        case token(String)
    }

    static func read(_ headers: HTTPHeaders) -> Outcome {
        var found: String?
        for field in headers.fields where field.name.caseInsensitiveEquals("Authorization") {
            guard found == nil else { return .duplicate }
            found = field.value
        }
        guard let value = found else { return .missing }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, String(parts[0]).caseInsensitiveEquals("Bearer") else { return .malformed }
        let token = parts[1].drop { $0 == " " }
        guard !token.isEmpty, token.utf8.allSatisfy(isToken68) else { return .malformed }
        return .token(String(token))
    }

    /// RFC 9110 §11.2 `token68`: letters, digits, `-._~+/`, trailing `=`.
    private static func isToken68(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"),
             UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
