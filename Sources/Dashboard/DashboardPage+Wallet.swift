import Billing

extension DashboardPage {
    /// Section 8: balance, daily burn, runway and threshold, then the inbox of alerts.
    func walletSection() -> String {
        let figures = snapshot.wallet.map { w in
            """
            <dl class="figures">
            <div><dt>Balance</dt><dd>\(DashboardFormat.rupees(w.balancePaise))</dd></div>
            <div><dt>Daily burn</dt><dd>\(DashboardFormat.rupees(w.dailyBurnPaise))</dd></div>
            <div><dt>Runway</dt><dd>\(w.runwayDays.map { "\($0) days" } ?? "— (nothing burning)")</dd></div>
            <div><dt>Alert threshold</dt><dd>\(w.lowBalanceThresholdDays) days</dd></div>
            </dl>
            """
        } ?? #"<p class="empty">The wallet opens with the operator's first billing event.</p>"#
        return Self.section("wallet", "Wallet", figures + inboxList())
    }

    private func inboxList() -> String {
        guard let inbox = snapshot.inbox, !inbox.data.isEmpty else { return #"<h3>Inbox</h3><p class="empty">No alerts.</p>"# }
        let items = inbox.data.map { item in
            """
            <li class="\(item.read ? "read" : "unread")"><strong>\(HTML.escape(item.title))</strong> · \(DashboardFormat.time(item.createdAt))
            <p>\(HTML.escape(item.body))</p>
            \(item.read ? "" : """
                <form method="post" action="/dashboard/inbox/\(Self.urlSafe(item.id))/read">\(csrf)<button type="submit" class="small">Mark read</button></form>
                """)</li>
            """
        }.joined()
        return #"<h3>Inbox <span class="badge">\#(inbox.unreadCount) unread</span></h3><ul class="inbox">\#(items)</ul>"#
    }
}
