import Foundation
import Webhooks

extension DashboardPage {
    /// Section 5: the last 50 deliveries, newest first; a row opens the inspector.
    func deliveriesSection() -> String {
        let rows = snapshot.deliveries.map { d in
            let link = "/dashboard?delivery=\(Self.urlSafe(d.id))#inspector"
            return """
                <tr data-href="\(link)"\(d.id == snapshot.inspected?.id ? #" class="selected""# : "")>
                <td><a href="\(link)">\(DashboardFormat.time(d.createdAt))</a></td><td><code>\(HTML.escape(d.eventType))</code>\(d.test ? #" <span class="badge test">test</span>"# : "")</td>
                <td><code>\(HTML.escape(d.eventID))</code></td><td>\(d.lastStatusCode.map(String.init) ?? "—")</td>
                <td>\(d.lastLatencyMs.map { "\($0) ms" } ?? "—")</td><td><span class="status \(d.status.rawValue)">\(Self.statusLabel(d))</span>\(
                    Self.nextAttempt(d).map { #"<small class="next">\#($0)</small>"# } ?? "")</td>
                </tr>
                """
        }.joined()
        let table = snapshot.deliveries.isEmpty ? #"<p class="empty">No deliveries yet. Send a test event to see one here.</p>"# : """
            <div class="table-wrap"><table class="deliveries">
            <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Event id</th><th scope="col">HTTP</th><th scope="col">Latency</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return Self.section("deliveries", "Recent deliveries", table + (snapshot.inspected.map(inspector) ?? ""))
    }

    /// `Delivered`, `Delivered (after retry)`, `Retrying (2/3)`, `Failed`, `Pending`.
    static func statusLabel(_ d: WebhookDelivery) -> String {
        switch d.status {
        case .delivered: "Delivered"
        case .deliveredAfterRetry: "Delivered (after retry)"
        case .retrying: "Retrying (\(d.retries)/\(RetrySchedule().retries))"
        case .failed: "Failed"
        case .pending: "Pending"
        }
    }

    /// When and why the delivery is tried next (nil once it finished): `next 25 Nov 2026, 18:31:00 IST · Retry-After`.
    static func nextAttempt(_ d: WebhookDelivery) -> String? {
        guard let reason = d.nextAttemptReason else { return nil }
        if reason == .ordered {
            return "after \(d.blockedBy.map { "<code>\(HTML.escape($0))</code>" } ?? "the delivery before it"), the earlier event about the same subject"
        }
        let why = switch reason {
        case .firstAttempt: "first attempt"
        case .retrySchedule: "retry schedule"
        case .retryAfter: "the receiver's Retry-After"
        case .circuitOpen: "the receiver's circuit is open after repeated failures"
        case .ordered: "in order"
        }
        return "next \(DashboardFormat.time(d.nextAttemptAt, never: "soon")) · \(why)"
    }

    private func inspector(_ d: WebhookDelivery) -> String {
        let headers = (d.attempts.last?.requestHeaders ?? [:]).sorted { $0.key < $1.key }.map {
            "<tr><th scope=\"row\">\(HTML.escape($0.key))</th><td><code>\(HTML.escape($0.value))</code></td></tr>"
        }.joined()
        let attempts = d.attempts.map { a in
            """
            <li><strong>Attempt \(a.number)</strong> · \(DashboardFormat.time(a.startedAt)) · HTTP \(a.statusCode.map(String.init) ?? "—") · \(a.latencyMs) ms\
            \(a.error.map { " · <span class=\"error\">\(HTML.escape(a.errorClass ?? "error")): \(HTML.escape($0))</span>" } ?? "")
            \(a.responseBody.map { "<pre class=\"excerpt\">\(HTML.escape($0))</pre>" } ?? "")\(a.signed.map { Self.signed($0, attempt: a.number) } ?? "")</li>
            """
        }.joined()
        return """
            <div id="inspector" class="inspector" role="region" aria-labelledby="h-inspector">
            <h3 id="h-inspector">Delivery <code>\(HTML.escape(d.id))</code> · \(Self.statusLabel(d))</h3>
            <p><code>\(HTML.escape(d.eventType))</code> · event <code>\(HTML.escape(d.eventID))</code>\(d.replayOf.map { " · replay of <code>\(HTML.escape($0))</code>" } ?? "")</p>
            \(Self.nextAttempt(d).map { #"<p class="next-attempt">Next attempt: \#($0)</p>"# } ?? "")
            <form method="post" action="/dashboard/deliveries/\(Self.urlSafe(d.id))/replay">\(csrf)<button type="submit">Replay</button></form>
            <h4>Payload</h4><pre class="payload" id="payload">\(HTML.escape(Self.pretty(d.payload ?? "")))</pre>
            <h4>Request headers</h4>\(headers.isEmpty ? "<p class=\"empty\">Not attempted yet.</p>" : "<div class=\"table-wrap\"><table class=\"headers\"><tbody>\(headers)</tbody></table></div>")
            <h4>Attempts</h4>\(attempts.isEmpty ? "<p class=\"empty\">None yet.</p>" : "<ol class=\"attempts\">\(attempts)</ol>")
            <p><a href="/dashboard#deliveries">Close the inspector</a></p>
            </div>
            """
    }

    /// What a failed attempt signed, to compare with what the receiver computed: the exact content, its length,
    /// each signature and the id of the secret that made it.
    static func signed(_ signed: SignedContent, attempt: Int) -> String {
        let signatures = signed.signatures.map {
            "<li><code>\(HTML.escape($0.signature))</code> · secret \($0.secretID.map { "<code>\(HTML.escape($0))</code>" } ?? "no longer held")</li>"
        }.joined()
        return """
            <details class="signed" open><summary>Signed content (\(signed.contentBytes) bytes): <code>{webhook-id}.{webhook-timestamp}.{body}</code></summary>
            <pre class="excerpt" id="signed-content-\(attempt)">\(HTML.escape(signed.content))</pre>
            <ul class="signatures">\(signatures)</ul></details>
            """
    }

    /// The payload indented for reading (the bytes sent are unchanged; this is only the view).
    static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    /// Ids are `dlv_` plus base62; anything else is percent-encoded before it goes into a URL.
    static func urlSafe(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "_-"))) ?? ""
    }
}
