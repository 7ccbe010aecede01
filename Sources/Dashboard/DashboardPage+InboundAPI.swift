import Accounts
import HTTPAPI

extension DashboardPage {
    /// One of the most-used endpoints, as section 6 lists it.
    struct InboundEndpoint {
        let method: String
        let path: String
        let summary: String
        /// The request body of the curl example, if it sends one.
        var body: String?
    }

    /// The most-used endpoints, with this operator's real ids filled in.
    func inboundEndpoints() -> [InboundEndpoint] {
        let user = snapshot.sampleUserID ?? "usr_…", plan = snapshot.samplePlanID ?? "plan_…"
        return [
            InboundEndpoint(method: "GET", path: "/v1/wl/me", summary: "Which operator, mode and key the request runs as."),
            InboundEndpoint(method: "POST", path: "/v1/wl/users", summary: "Create a client (send an Idempotency-Key to retry safely).",
                            body: #"{"email":"client@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#),
            InboundEndpoint(method: "GET", path: "/v1/wl/users?limit=20", summary: "List clients, newest first."),
            InboundEndpoint(method: "GET", path: "/v1/wl/users/\(user)", summary: "One client with their plan and broker link."),
            InboundEndpoint(method: "POST", path: "/v1/wl/users/\(user)/login-links", summary: "A one-time login link for a client."),
            InboundEndpoint(method: "GET", path: "/v1/wl/webhook-deliveries?limit=50", summary: "The webhook delivery log."),
            InboundEndpoint(method: "GET", path: "/v1/wl/limits", summary: "Your quotas: limit, used and remaining (not counted)."),
        ]
    }

    /// Section 6: the base URL and a copyable curl example per endpoint, with the mode's masked key.
    func inboundSection() -> String {
        let key = snapshot.keys.first { $0.mode == snapshot.session.scope.mode && $0.expiresAt == nil }?.masked ?? "YOUR_API_KEY"
        let items = inboundEndpoints().enumerated().map { i, endpoint in
            var curl = "curl -X \(endpoint.method) '\(snapshot.baseURL)\(endpoint.path)' \\\n  -H 'Authorization: Bearer \(key)'"
            if let body = endpoint.body {
                curl += " \\\n  -H 'Content-Type: application/json' \\\n  -H 'Idempotency-Key: 8e0f8d52-6b5e-4a51-9d8e-3f1c2a7b9c10' \\\n  -d '\(body)'"
            }
            return """
                <li><p><span class="method \(endpoint.method.lowercased())">\(endpoint.method)</span> <code>\(HTML.escape(endpoint.path))</code> — \(HTML.escape(endpoint.summary))</p>
                <pre><code id="curl-\(i)">\(HTML.escape(curl))</code></pre>\(HTML.copyButton(target: "curl-\(i)", label: "Copy the curl example"))</li>
                """
        }.joined()
        return Self.section("api", "Inbound API", """
            <p>Base URL <code id="base-url">\(HTML.escape(snapshot.baseURL))</code> · JSON over HTTPS · <code>API-Version</code> header pins a version · key shown masked: paste your own.</p>
            <ul class="endpoints">\(items)</ul>
            """)
    }
}
