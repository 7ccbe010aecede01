import HTTPServer

extension HTTPResponse {
    /// The policy every dashboard page is served with: nothing from another origin, no inline script or style,
    /// never framed.
    static let dashboardSecurityHeaders: HTTPHeaders = [
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    ]

    /// An HTML page of the dashboard.
    static func html(_ page: String, status: Int = 200, cookies: [Cookie] = []) -> HTTPResponse {
        var headers = dashboardSecurityHeaders
        headers["Content-Type"] = "text/html; charset=utf-8"
        for cookie in cookies { headers.add("Set-Cookie", cookie.headerValue) }
        return HTTPResponse(status: status, headers: headers, body: Array(page.utf8))
    }

    /// `303 See Other` to `location`: the answer to every dashboard form post (post/redirect/get).
    static func seeOther(_ location: String, cookies: [Cookie] = []) -> HTTPResponse {
        var headers: HTTPHeaders = ["Location": location]
        for cookie in cookies { headers.add("Set-Cookie", cookie.headerValue) }
        return HTTPResponse(status: 303, headers: headers)
    }
}
