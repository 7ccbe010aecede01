import HTTPAPI
import HTTPServer
import Kernel

/// A request from a signed-in member whose CSRF token (for anything but GET) has been checked.
struct DashboardRequest: Sendable {
    let context: RequestContext
    let session: DashboardSession
    let form: DashboardForm

    var scope: TenantScope { session.scope }
    var isSecure: Bool { Cookie.isSecure(context.request) }

    /// Where the browser reached us, for the curl examples (`Host` is the client's own claim, escaped on output).
    var baseURL: String { (isSecure ? "https://" : "http://") + (context.request.headers["Host"] ?? "localhost") }
}

/// What a dashboard form post ends in.
enum DashboardOutcome: Sendable {
    /// Done: back to the page (post/redirect/get) with a notice; `location` defaults to the form's section.
    case done(String, location: String? = nil)
    /// A page that shows a secret once (a new key, a revealed signing secret), answered directly and never cached.
    case page(HTTPResponse)
}
