import Accounts
import Kernel

extension DashboardPage {
    /// Section 2: the live and test keys, masked, each with a rotate form; a just-issued key shown once.
    func keysSection() -> String {
        let rows = snapshot.keys.map { key in
            """
            <tr><td><span class="badge \(key.mode.rawValue)">\(key.mode.rawValue)</span></td>
            <td><code>\(HTML.escape(key.masked))</code></td>
            <td>\(DashboardFormat.time(key.createdAt))</td><td>\(DashboardFormat.time(key.lastUsedAt))</td>
            <td>\(key.expiresAt.map { "retires " + DashboardFormat.time($0) } ?? "current")</td></tr>
            """
        }.joined()
        let forms = Mode.allCases.map { mode in
            """
            <form method="post" action="/dashboard/keys/rotate" class="inline-form"
              data-confirm="Rotate the \(mode.rawValue) key? Integrations using the old key must switch to the new one.">\(csrf)
            <input type="hidden" name="mode" value="\(mode.rawValue)">
            \(HTML.graceSelect(id: "grace-\(mode.rawValue)"))
            <button type="submit">Rotate \(mode.rawValue) key</button>
            </form>
            """
        }.joined()
        return Self.section("keys", "API keys", """
            \(issuedKeyPanel())
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">Mode</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <div class="actions">\(forms)</div>
            """)
    }

    private func issuedKeyPanel() -> String {
        guard let issuedKey else { return "" }
        return """
            <div class="reveal" role="alert">
            <p>Your new \(issuedKey.key.mode.rawValue) key. Copy it now: it is not shown again.</p>
            <code id="new-key">\(HTML.escape(issuedKey.secret))</code> \(HTML.copyButton(target: "new-key", label: "Copy the new key"))
            </div>
            """
    }
}
