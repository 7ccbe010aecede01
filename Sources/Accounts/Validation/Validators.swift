import Foundation
import Kernel

/// The input rules of Accounts, each returning the normalised value or throwing a field error.
enum Validators {
    /// Lower-cased and trimmed; one `@`, a dotted domain, no spaces, at most 254 characters.
    static func email(_ raw: String, field: String = "email") throws -> String {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
              email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "," && $0 != ";" })
        else { throw DomainError.invalidField(field, "must be an email address like name@example.com") }
        return email
    }

    /// E.164: `+`, then 8–15 digits, the first not zero (e.g. `+919876543210`).
    static func phone(_ raw: String, field: String = "phone") throws -> String {
        let digits = raw.dropFirst()
        guard raw.hasPrefix("+"), (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits.first != "0"
        else { throw DomainError.invalidField(field, "must be an E.164 number like +919876543210") }
        return raw
    }

    /// `[a-z0-9]{2,20}`.
    static func slug(_ raw: String) throws -> String {
        guard (2...20).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
            throw DomainError.invalidField("slug", "must be 2–20 lowercase letters or digits")
        }
        return raw
    }

    /// Non-empty after trimming, at most `max` characters.
    static func text(_ raw: String, field: String, max: Int) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= max else {
            throw DomainError.invalidField(field, "must be 1–\(max) characters")
        }
        return text
    }

    /// An absolute `https://` URL (or `http://` for local development hosts) without a query or fragment.
    static func loginBaseURL(_ raw: String) throws -> String {
        guard let url = URL(string: raw), let scheme = url.scheme, let host = url.host, !host.isEmpty,
              scheme == "https" || (scheme == "http" && (host == "localhost" || host == "127.0.0.1")),
              url.query == nil, url.fragment == nil, raw.count <= 500
        else { throw DomainError.invalidField("login_base_url", "must be an https:// URL without a query") }
        return raw
    }

    /// A broker client code: 4–32 letters or digits.
    static func clientCode(_ raw: String) throws -> String {
        guard (4...32).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw DomainError.invalidField("client_code", "must be 4–32 letters or digits")
        }
        return raw
    }

    /// `AB****34`: the first two and last two characters, the rest hidden.
    static func maskClientCode(_ code: String) -> String {
        String(code.prefix(2)) + String(repeating: "*", count: max(code.count - 4, 4)) + String(code.suffix(2))
    }
}
