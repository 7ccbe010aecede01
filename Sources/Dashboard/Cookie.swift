import HTTPServer

/// One `Set-Cookie` of the dashboard, and the reading of the request's `Cookie` header.
///
/// Dashboard cookies are always `HttpOnly` and `SameSite=Lax`, scoped to `/dashboard`, and `Secure` when the
/// request came over TLS (as a proxy in front says with `X-Forwarded-Proto: https`).
struct Cookie {
    let name: String
    let value: String
    /// Seconds; 0 deletes the cookie, nil makes it a browser-session cookie.
    var maxAge: Int?
    var secure: Bool

    var headerValue: String {
        var parts = ["\(name)=\(value)", "Path=/dashboard", "HttpOnly", "SameSite=Lax"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// The cookie that deletes `name` in the browser.
    static func expired(_ name: String, secure: Bool) -> Cookie { Cookie(name: name, value: "", maxAge: 0, secure: secure) }

    /// The value of the request's cookie `name`, if it sent one.
    static func value(_ name: String, in headers: HTTPHeaders) -> String? {
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Whether the browser reached us over TLS (directly or through a proxy that says so).
    static func isSecure(_ request: HTTPRequest) -> Bool {
        request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
    }
}
