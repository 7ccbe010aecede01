import HTTPAPI
import Webhooks

extension DashboardPage {
    /// The receiver check-up just run: the verdict, each request's answer, what to fix and what to note.
    func checkUpReport(_ report: ReceiverCheckUp) -> String {
        let rows = report.checks.map { c in
            let answer = c.statusCode.map { "HTTP \($0)" } ?? "\(HTML.escape(c.errorClass ?? "error")): \(HTML.escape(c.error ?? ""))"
            let result = c.passed.map { $0 ? #"<span class="status delivered">as expected</span>"# : #"<span class="status failed">wrong</span>"# }
                ?? #"<span class="status pending">reported</span>"#
            return """
                <tr data-check="\(c.check.rawValue)"><th scope="row"><code>\(c.check.rawValue)</code></th><td>\(c.expected)</td><td>\(answer)</td>\
                <td>\(c.latencyMs) ms</td><td>\(c.tls.map { HTML.escape($0.version) } ?? "—")\
                \(c.tls?.certificateExpiresAt.map { " · certificate until \(DashboardFormat.time($0))" } ?? "")</td><td>\(result)</td></tr>
                """
        }.joined()
        let list = { (id: String, items: [String]) in
            items.isEmpty ? "" : #"<ul id="\#(id)">"# + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        }
        return """
            <div class="check-up" role="region" aria-labelledby="h-check-up">
            <h3 id="h-check-up">Check-up: <span id="check-up-verdict" class="status \(report.verdict == .pass ? "delivered" : "failed")">\(report.verdict.rawValue)</span></h3>
            <div class="table-wrap"><table class="check-up-results">
            <thead><tr><th scope="col">Check</th><th scope="col">Expected</th><th scope="col">Answer</th><th scope="col">Latency</th><th scope="col">TLS</th><th scope="col">Result</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(list("check-up-fixes", report.fixes))\(list("check-up-notes", report.notes))
            </div>
            """
    }
}
