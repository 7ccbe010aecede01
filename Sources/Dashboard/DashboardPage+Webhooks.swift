import HTTPAPI
import Webhooks

extension DashboardPage {
    /// Section 3: the receiver's URL, its signing secret (revealed after re-confirmation, rotatable), the signing
    /// and retry promise, and the test-event button.
    func receiverSection() -> String {
        let endpoint = snapshot.endpoint
        let urlForm = """
            <form method="post" action="/dashboard/webhook" class="row-form">\(csrf)
            <label for="endpoint-url">Endpoint URL</label>
            <input id="endpoint-url" name="url" type="url" required maxlength="2048" placeholder="https://example.com/webhooks"
              value="\(HTML.escape(endpoint?.url ?? ""))" aria-describedby="endpoint-help">
            <button type="submit">\(endpoint == nil ? "Create receiver" : "Save URL")</button>
            <p id="endpoint-help" class="hint">\(Self.receiverStatus(endpoint))</p>
            </form>
            """
        let tools = endpoint.map { secretAndTest($0) + enableForm($0) + recoverySection($0) } ?? ""
        return Self.section("webhook", "Webhook receiver", urlForm + tools + (checkUp.map(checkUpReport) ?? "") + """
            <p class="promise">HMAC-SHA256 signed · 3 retries with exponential back-off · in order per subject</p>
            """)
    }

    /// What the receiver's state means for its deliveries, in a sentence.
    static func receiverStatus(_ endpoint: WebhookEndpoint?) -> String {
        guard let endpoint else { return "Saving a URL creates your receiver, subscribed to every event." }
        switch (endpoint.state, endpoint.disabledReason) {
        case (.enabled, _):
            return #"<span class="state enabled">Receiving events.</span>"#
        case (.circuitOpen, _):
            return #"<span class="state circuit_open">Paused after repeated failures</span>: deliveries wait (nothing is dropped); "#
                + "the next attempt probes it at \(DashboardFormat.time(endpoint.retryAt, never: "once it is due"))."
        case (.disabled, .gone?):
            return #"<span class="state disabled">Disabled</span>: it answered 410 Gone. Fix the receiver, then enable it."#
        case (.disabled, .failing?):
            return #"<span class="state disabled">Disabled</span>: every attempt failed for 5 days. Fix the receiver, then enable it."#
        case (.disabled, _):
            return #"<span class="state disabled">Paused</span>: turn an event on to resume."#
        }
    }

    /// Turning a receiver the platform disabled back on.
    private func enableForm(_ endpoint: WebhookEndpoint) -> String {
        guard endpoint.state == .disabled, endpoint.disabledReason != .operator else { return "" }
        return """
            <form method="post" action="/dashboard/webhook/enable" class="inline-form">\(csrf)
            <button type="submit">Enable receiver</button>
            </form>
            """
    }

    /// Sending a time range of events again, and the recoveries so far.
    private func recoverySection(_ endpoint: WebhookEndpoint) -> String {
        let jobs = snapshot.recoveries.map { job in
            """
            <li><span class="status \(job.status.rawValue)">\(job.status.rawValue.capitalized)</span> · \(DashboardFormat.time(job.since)) – \(DashboardFormat.time(job.until)):
            \(DashboardFormat.count(job.queued)) of \(DashboardFormat.count(job.total)) sent · \(DashboardFormat.count(job.delivered)) delivered · \(DashboardFormat.count(job.failed)) failed</li>
            """
        }.joined()
        return """
            <div class="recover"><h3>Recover missed events</h3>
            <form method="post" action="/dashboard/webhook/recover" class="inline-form">\(csrf)
            <label for="recover-since">From (IST)</label><input id="recover-since" name="since" type="datetime-local" required>
            <label for="recover-until">until</label><input id="recover-until" name="until" type="datetime-local" required>
            <button type="submit" name="dry_run" value="true">Count events</button>
            <button type="submit" name="dry_run" value="false"\(endpoint.enabled ? "" : " disabled")>Send them again</button>
            </form>
            <p class="hint">Every event of the last 30 days in that range is sent again, after live deliveries.</p>
            \(jobs.isEmpty ? "" : #"<ul class="recoveries">\#(jobs)</ul>"#)</div>
            """
    }

    private func secretAndTest(_ endpoint: WebhookEndpoint) -> String {
        let secret = revealedSecret.map {
            #"<code id="signing-secret">\#(HTML.escape($0))</code> \#(HTML.copyButton(target: "signing-secret", label: "Copy the signing secret"))"#
        } ?? #"<code>\#(HTML.escape(endpoint.secret))</code>"#
        let secretID = endpoint.secretID.map { #" <span class="hint">id <code id="secret-id">\#(HTML.escape($0))</code></span>"# } ?? ""
        let events = WebhookEventType.allCases.map { #"<option value="\#($0.rawValue)">\#($0.rawValue)</option>"# }.joined()
        return """
            <div class="secret"><h3>Signing secret</h3><p>\(secret)\(secretID)</p>
            \(revealedSecret == nil ? """
                <form method="post" action="/dashboard/webhook/reveal" class="inline-form">\(csrf)
                <label for="reveal-password">Confirm your password to reveal</label>
                <input id="reveal-password" name="password" type="password" required autocomplete="current-password">
                <button type="submit">Reveal</button>
                </form>
                """ : "")
            <form method="post" action="/dashboard/webhook/rotate" class="inline-form"
              data-confirm="Rotate the signing secret? Your receiver must verify with the new one.">\(csrf)
            \(HTML.graceSelect(id: "grace-secret"))
            <button type="submit">Rotate secret</button>
            </form></div>
            <form method="post" action="/dashboard/webhook/test" class="inline-form">\(csrf)
            <label for="test-event">Event</label><select id="test-event" name="type">\(events)</select>
            <button type="submit">Send test event</button>
            </form>
            <form method="post" action="/dashboard/webhook/check-up" class="inline-form">\(csrf)
            <button type="submit" id="run-check-up">Run check-up</button>
            <span class="hint">Sends 4 signed test requests to see whether your receiver verifies them.</span>
            </form>
            """
    }

    /// Section 4: the events, a switch each, and each one's last seven days.
    func subscriptionsSection() -> String {
        let usage = snapshot.subscriptions
        let rows = WebhookEventType.allCases.map { event -> String in
            let stats = snapshot.stats.data.first { $0.eventType == event.rawValue }
            let on = snapshot.isSubscribed(event)
            let delivered = (stats?.delivered ?? 0) + (stats?.deliveredAfterRetry ?? 0)
            return """
                <li class="event">
                <div class="event-name"><code>\(event.rawValue)</code><p>\(HTML.escape(event.summary))</p></div>
                <div class="event-stats"><span>\(DashboardFormat.count(delivered)) delivered</span> · <span>\(DashboardFormat.count(stats?.failed ?? 0)) failed</span> ·
                <span>\(DashboardFormat.percent(stats?.successRate)) success</span>\(stats.map(Self.chart) ?? "")</div>
                <form method="post" action="/dashboard/subscriptions">\(csrf)
                <input type="hidden" name="event" value="\(event.rawValue)"><input type="hidden" name="subscribed" value="\(!on)">
                <button type="submit" class="switch" role="switch" aria-checked="\(on)" aria-label="\(event.rawValue)"\(snapshot.endpoint == nil ? " disabled" : "")>
                <span>\(on ? "On" : "Off")</span></button>
                </form>
                </li>
                """
        }.joined()
        return Self.section("subscriptions", "Event subscriptions", """
            <p class="count" id="subscription-count">\(usage.active) of \(usage.limit) active</p>
            <ul class="events">\(rows)</ul>
            """)
    }

    /// The last days as a small bar chart: delivered in green, failed stacked on top in red.
    static func chart(_ stats: EventTypeStats) -> String {
        let peak = max(1, stats.daily.map { $0.delivered + $0.failed }.max() ?? 0)
        let bars = stats.daily.enumerated().map { i, day -> String in
            let ok = 22 * day.delivered / peak, bad = 22 * day.failed / peak, x = i * 10
            return #"<rect class="ok" x="\#(x)" y="\#(24 - ok)" width="8" height="\#(ok)"/><rect class="bad" x="\#(x)" y="\#(24 - ok - bad)" width="8" height="\#(bad)"/>"#
        }.joined()
        let label = stats.daily.map { "\($0.date): \($0.delivered) delivered, \($0.failed) failed" }.joined(separator: "; ")
        return #"<svg class="chart" viewBox="0 0 70 24" width="70" height="24" role="img" aria-label="Last 7 days (IST): \#(HTML.escape(label))"><rect class="base" x="0" y="23" width="70" height="1"/>\#(bars)</svg>"#
    }
}
