import Accounts
import HTTPAPI
import HTTPServer
import Kernel
import Webhooks

/// Serves the dashboard for a signed-in member: the page, and the form posts that change things and come back
/// to it. Every read and write goes through the member's operator and the session's mode.
struct DashboardController: Sendable {
    let services: DashboardServices

    /// Runs `handler` for a signed-in member, or sends the browser to sign in (saying so when the session expired).
    /// Anything but GET must carry the session's CSRF token, in the form's `csrf` field or `X-CSRF-Token`.
    func signedIn(_ handler: @escaping @Sendable (DashboardRequest) async throws -> HTTPResponse) -> RouteHandler {
        let accounts = services.accounts
        return { context in
            guard let token = Cookie.value(DashboardSession.cookieName, in: context.request.headers) else {
                return .seeOther("/dashboard/login")
            }
            guard let session = await accounts.memberSession(token: token) else {
                return .seeOther("/dashboard/login?expired=1",
                                 cookies: [.expired(DashboardSession.cookieName, secure: Cookie.isSecure(context.request))])
            }
            let request = DashboardRequest(context: context, session: DashboardSession(token: token, session: session),
                                           form: DashboardForm(context.request))
            if context.request.method != .get,
               !request.session.accepts(csrf: request.form["csrf"] ?? context.request.headers["X-CSRF-Token"]) {
                return .html(DashboardPage.notice(
                    title: "Request refused", "This form expired or did not come from the dashboard. Reload the page and try again."), status: 403)
            }
            return try await handler(request)
        }
    }

    /// A form post of the section `anchor`: its outcome, or its domain or validation failure, as a one-time notice
    /// on the page it redirects to.
    func action(_ anchor: String, _ perform: @escaping @Sendable (DashboardRequest) async throws -> DashboardOutcome) -> RouteHandler {
        signedIn { request in
            let flash: DashboardFlash, location: String
            do {
                switch try await perform(request) {
                case .page(let response): return response
                case .done(let notice, let target):
                    (flash, location) = (DashboardFlash(.notice, notice), target ?? "/dashboard#\(anchor)")
                }
            } catch let error as DomainError {
                (flash, location) = (DashboardFlash(.error, error.message), "/dashboard#\(anchor)")
            } catch let error as APIError {
                (flash, location) = (DashboardFlash(.error, error.detail), "/dashboard#\(anchor)")
            } catch let refused as TooManyFailedAuthentications {
                let notice = "Too many failed attempts from your address; try again in \(refused.retryAfterSeconds) seconds."
                (flash, location) = (DashboardFlash(.error, notice), "/dashboard#\(anchor)")
            }
            return .seeOther(location, cookies: [Cookie(name: DashboardFlash.cookieName, value: flash.cookieValue, maxAge: 60,
                                                        secure: request.isSecure)])
        }
    }

    /// `GET /dashboard`: the page, with the notice of the last form post if there is one.
    func showPage(_ request: DashboardRequest) async throws -> HTTPResponse {
        let flash = Cookie.value(DashboardFlash.cookieName, in: request.context.request.headers).flatMap(DashboardFlash.init(cookieValue:))
        let cleared = flash == nil ? [] : [Cookie.expired(DashboardFlash.cookieName, secure: request.isSecure)]
        return try await page(request, inspecting: request.context.query["delivery"], flash: flash, cookies: cleared)
    }

    /// The page as `request`'s member sees it now, with what only this answer shows (`inspecting`: the delivery
    /// open in the inspector).
    func page(_ request: DashboardRequest, inspecting deliveryID: String? = nil, flash: DashboardFlash? = nil, issuedKey: IssuedAPIKey? = nil,
              revealedSecret: String? = nil, checkUp: ReceiverCheckUp? = nil, cookies: [Cookie] = []) async throws -> HTTPResponse {
        let snapshot = try await DashboardSnapshot.load(services, request.session, inspecting: deliveryID, baseURL: request.baseURL)
        let page = DashboardPage(snapshot: snapshot, flash: flash, issuedKey: issuedKey, revealedSecret: revealedSecret, checkUp: checkUp)
        return .html(page.render(), cookies: cookies)
    }
}
