import RateLimit

extension DashboardPage {
    /// Section 7: a meter per quota ("180 / 1,000"), the tier, and where to ask for more.
    func limitsSection() -> String {
        var meters = snapshot.quotas.compactMap { state in
            state.quota.map { (id: $0.policyName, label: Self.label($0), used: state.used, limit: state.limit) }
        }
        let subscriptions = Quota.webhookSubscriptions
        meters.append((id: subscriptions.policyName, label: Self.label(subscriptions), used: snapshot.subscriptions.active,
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

    /// What a meter calls its quota.
    static func label(_ quota: Quota) -> String {
        switch quota {
        case .requestsPerMinute: "Requests per minute"
        case .requestsPerDay: "Requests per day"
        case .userCreationsPerHour: "User creations per hour"
        case .signupsPerHour: "Sign-ups per hour"
        case .signupsPerAddressPerHour: "Sign-ups per hour from one address (the busiest)"
        case .webhookSubscriptions: "Webhook subscriptions"
        }
    }
}
