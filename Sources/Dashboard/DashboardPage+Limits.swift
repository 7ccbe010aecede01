import HTTPAPI
import RateLimit

extension DashboardPage {
    /// Section 7: a meter per quota ("180 / 1,000"), the tier, and where to ask for more.
    func limitsSection() -> String {
        let names: [String: String] = [
            Quota.requestsPerMinute.policyName: "Requests per minute", Quota.requestsPerDay.policyName: "Requests per day",
            Quota.userCreationsPerHour.policyName: "User creations per hour",
        ]
        var meters = snapshot.quotas.compactMap { state in
            names[state.name].map { (id: state.name, label: $0, used: state.limit - state.remaining, limit: state.limit) }
        }
        meters.append((id: "webhook-subscriptions", label: "Webhook subscriptions", used: snapshot.subscriptions.active,
                       limit: snapshot.subscriptions.limit))
        let items = meters.map { m in
            """
            <li><label for="meter-\(m.id)">\(m.label)</label>
            <meter id="meter-\(m.id)" min="0" max="\(max(m.limit, 1))" value="\(m.used)" high="\(max(m.limit, 1) * 8 / 10)">\(m.used)</meter>
            <span class="figure" data-quota="\(m.id)">\(DashboardFormat.count(m.used)) / \(DashboardFormat.count(m.limit))</span></li>
            """
        }.joined()
        return Self.section("limits", "Rate limits &amp; quotas", """
            <p>Tier <strong class="tier">\(HTML.escape(snapshot.tier))</strong> · this mode's usage</p>
            <ul class="meters">\(items)</ul>
            <p class="hint">Need more? Talk to us about higher limits.</p>
            """)
    }
}
