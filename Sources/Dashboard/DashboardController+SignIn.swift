import Accounts
import HTTPAPI
import HTTPServer
import Kernel

extension DashboardController {
    static let loginCookie = "op_login"

    /// `GET /dashboard/login`: the form, with a fresh double-submit token; a signed-in member goes to the page.
    func showLogin(_ context: RequestContext) async -> HTTPResponse {
        if let token = Cookie.value(DashboardSession.cookieName, in: context.request.headers),
           await services.accounts.memberSession(token: token) != nil {
            return .seeOther("/dashboard")
        }
        let csrf = Identifier.randomBase62(count: 32)
        let page = LoginPage(csrfToken: csrf, message: context.query["expired"] == nil ? nil : LoginPage.expired)
        return .html(page.render(), cookies: [Cookie(name: Self.loginCookie, value: csrf, maxAge: 3600, secure: Cookie.isSecure(context.request))])
    }

    /// `POST /dashboard/login`: failed attempts are counted per address and refused once too many; unknown emails
    /// and wrong passwords get the same answer.
    func signIn(_ context: RequestContext) async throws -> HTTPResponse {
        let form = DashboardForm(context.request), request = context.request
        let secure = Cookie.isSecure(request)
        guard let expected = Cookie.value(Self.loginCookie, in: request.headers), let presented = form["csrf"], !expected.isEmpty,
              ConstantTime.equals(Array(expected.utf8), Array(presented.utf8))
        else {
            return .html(DashboardPage.notice(title: "Request refused", "The sign-in form expired. Reload it and try again."), status: 403)
        }
        let email = form["email"] ?? "", password = form["password"] ?? "", accounts = services.accounts
        let member: Member?
        do {
            member = try await services.throttle.passwordAttempt(from: request.clientAddress) {
                try await accounts.verifyMember(email: email, password: password)
            }
        } catch let refused as TooManyFailedAuthentications {
            var response = HTTPResponse.html(LoginPage(csrfToken: expected, email: email, message:
                "Too many failed sign-ins from your address. Try again in \(refused.retryAfterSeconds) seconds.").render(), status: 429)
            response.headers["Retry-After"] = String(refused.retryAfterSeconds)
            return response
        }
        guard let member else { return .html(LoginPage(csrfToken: expected, email: email, message: LoginPage.failed).render()) }
        let opened = try await services.accounts.openMemberSession(for: member)
        let lifetime = Int(opened.session.expiresAt.seconds - context.clock.now().seconds)
        return .seeOther("/dashboard", cookies: [
            Cookie(name: DashboardSession.cookieName, value: opened.token, maxAge: lifetime, secure: secure),
            .expired(Self.loginCookie, secure: secure),
        ])
    }

    /// `POST /dashboard/logout`: ends the session on the server and in the browser.
    func signOut(_ request: DashboardRequest) async throws -> HTTPResponse {
        try await services.accounts.closeMemberSession(token: request.session.token)
        return .seeOther("/dashboard/login", cookies: [.expired(DashboardSession.cookieName, secure: request.isSecure)])
    }
}
