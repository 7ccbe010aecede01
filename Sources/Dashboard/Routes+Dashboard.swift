import Accounts
import Billing
import HTTPAPI
import HTTPServer
import Kernel
import RateLimit
import Webhooks

extension Routes {
    /// The operator dashboard: HTML pages behind a member's cookie session (`auth: .none` at the Gateway; the
    /// controller checks the session and the CSRF token itself). Not API: left out of the OpenAPI document, and
    /// not counted against the operator's quotas. Password checks go through the API's `throttle`.
    public static func dashboard(
        accounts: Accounts, webhooks: Webhooks, rateLimit: RateLimit, billing: Billing, testClocks: TestClocks, throttle: AuthenticationThrottle
    ) -> [Route] {
        let c = DashboardController(services: DashboardServices(
            accounts: accounts, webhooks: webhooks, rateLimit: rateLimit, billing: billing, testClocks: testClocks, throttle: throttle))
        return [
            page(.get, "/dashboard", "dashboardPage", query: ["delivery": "The delivery to open in the inspector."], c.signedIn(c.showPage)),
            page(.get, "/dashboard/login", "dashboardLoginForm", query: ["expired": "Set when the session expired."]) { await c.showLogin($0) },
            page(.post, "/dashboard/login", "dashboardLogin", c.signIn),
            page(.post, "/dashboard/logout", "dashboardLogout", c.signedIn(c.signOut)),
            page(.post, "/dashboard/mode", "dashboardSwitchMode", c.action("main", c.switchMode)),
            page(.post, "/dashboard/keys/rotate", "dashboardRotateKey", c.action("keys", c.rotateKey)),
            page(.post, "/dashboard/webhook", "dashboardSaveEndpoint", c.action("webhook", c.saveEndpoint)),
            page(.post, "/dashboard/webhook/reveal", "dashboardRevealSecret", c.action("webhook", c.revealSecret)),
            page(.post, "/dashboard/webhook/rotate", "dashboardRotateSecret", c.action("webhook", c.rotateSecret)),
            page(.post, "/dashboard/webhook/test", "dashboardSendTest", c.action("webhook", c.sendTest)),
            page(.post, "/dashboard/webhook/enable", "dashboardEnableReceiver", c.action("webhook", c.enableReceiver)),
            page(.post, "/dashboard/webhook/recover", "dashboardRecover", c.action("webhook", c.recover)),
            page(.post, "/dashboard/webhook/check-up", "dashboardCheckUp", c.action("webhook", c.checkUp)),
            page(.post, "/dashboard/test-clock", "dashboardFreezeTestClock", c.action("main", c.freezeTestClock)),
            page(.post, "/dashboard/test-clock/advance", "dashboardAdvanceTestClock", c.action("main", c.advanceTestClock)),
            page(.post, "/dashboard/test-clock/delete", "dashboardDeleteTestClock", c.action("main", c.deleteTestClock)),
            page(.post, "/dashboard/subscriptions", "dashboardToggleSubscription", c.action("subscriptions", c.toggleSubscription)),
            page(.post, "/dashboard/deliveries/:id/replay", "dashboardReplay", c.action("deliveries", c.replay)),
            page(.post, "/dashboard/inbox/:id/read", "dashboardMarkRead", c.action("wallet", c.markRead)),
            page(.get, "/dashboard/assets/app.css", "dashboardStylesheet") { _ in
                DashboardAssets.response(DashboardAssets.css, contentType: "text/css; charset=utf-8")
            },
            page(.get, "/dashboard/assets/app.js", "dashboardScript") { _ in
                DashboardAssets.response(DashboardAssets.js, contentType: "text/javascript; charset=utf-8")
            },
        ]
    }

    /// A dashboard route: public at the Gateway, undocumented in OpenAPI. `query` names the query parameters it
    /// reads (the Gateway refuses any other).
    private static func page(
        _ method: HTTPMethod, _ path: PathTemplate, _ id: String, query: [String: String] = [:], _ handler: @escaping RouteHandler
    ) -> Route {
        Route(method, path, auth: .none, operation: OpenAPIOperation(
            id: id, summary: "Dashboard page", tag: "Dashboard",
            parameters: query.sorted { $0.key < $1.key }.map { .query($0.key, $0.value, schema: JSONSchema.string) },
            responses: [200: .empty("An HTML page or a redirect.")]),
              documented: false, handler: handler)
    }
}
