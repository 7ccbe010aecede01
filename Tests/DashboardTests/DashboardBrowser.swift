import Foundation
import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel

/// A browser for the in-process Gateway: keeps cookies, follows nothing by itself, and fills in the CSRF token
/// of the last page it loaded.
final class DashboardBrowser {
    /// The API (replica) the next request goes to.
    var api: OperatorAPIFixture
    var cookies: [String: String] = [:]
    /// The CSRF token of the last page that carried one.
    var csrf: String?
    var headers: [String: String] = [:]

    static let email = "ops@acme.test"
    /// The address every request of the browser comes from.
    static let address = "10.0.0.7"
    static let password = "correct horse battery"

    init(_ api: OperatorAPIFixture) { self.api = api }

    /// The fixture with a member of Acme, signed in and on the page (so the session's CSRF token is known).
    static func signedIn() async throws -> DashboardBrowser {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        _ = try await browser.api.accounts.addMember(operatorID: browser.api.acme.operator.id, email: email, password: password)
        let response = await browser.signIn(email: email, password: password)
        precondition(response.status == 303, response.text)
        await browser.get("/dashboard")
        return browser
    }

    func signIn(email: String, password: String) async -> HTTPResponse {
        _ = await get("/dashboard/login")
        return await post("/dashboard/login", ["email": email, "password": password])
    }

    @discardableResult
    func get(_ target: String) async -> HTTPResponse {
        await send(.get, target, body: "")
    }

    /// Posts a form with the current CSRF token (pass `csrf: nil` to leave it out).
    @discardableResult
    func post(_ target: String, _ fields: [String: String] = [:], csrf: String?? = .none) async -> HTTPResponse {
        var all = fields
        if let token = csrf ?? self.csrf { all["csrf"] = token }
        let body = all.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return await send(.post, target, body: body)
    }

    private func send(_ method: HTTPMethod, _ target: String, body: String) async -> HTTPResponse {
        var fields = HTTPHeaders()
        if !cookies.isEmpty { fields["Cookie"] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if method == .post { fields["Content-Type"] = "application/x-www-form-urlencoded" }
        for (name, value) in headers { fields[name] = value }
        let response = await api.gateway.handle(HTTPRequest(method: method, target: target, headers: fields, body: Array(body.utf8),
                                                            remoteAddress: Self.address))
        for header in response.headers.values("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = Self.csrfToken(in: response.text) { csrf = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
