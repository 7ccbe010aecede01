import Accounts
import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport
import Webhooks

@Suite(.databases) struct DashboardPageTests {

    @Test func thePage_rendersEverySectionInOrder() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let page = await browser.get("/dashboard")
        #expect(page.status == 200 && page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.headers["Content-Security-Policy"]?.contains("default-src 'self'") == true)
        let html = page.text
        let order = ["Operator · API &amp; webhooks", "Extend, integrate, automate", "REST + webhooks", #"id="keys""#, #"id="webhook""#,
                     "HMAC-SHA256 signed · 3 retries with exponential back-off", #"id="subscriptions""#, #"id="deliveries""#,
                     #"id="api""#, #"id="limits""#, "Talk to us about higher limits", #"id="wallet""#]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        for event in WebhookEventType.allCases { #expect(html.contains(HTML.escape(event.summary))) }
        #expect(html.contains("0 of 10 active"))
        #expect(html.contains(" IST"))
        #expect(page.body.count < 100_000)
    }

    @Test func userControlledText_isEscaped() async throws {
        let browser = try await DashboardBrowser.signedIn()
        _ = try await browser.api.accounts.updateOperator(browser.api.acme.operator.id, OperatorUpdate(name: "<script>alert(1)</script>"))
        let html = await browser.get("/dashboard").text
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func bothKeys_areShownMasked_neverInFull() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let html = await browser.get("/dashboard").text
        for mode in Mode.allCases {
            let key = browser.api.key(browser.api.acme, mode)
            #expect(!html.contains(key))
            #expect(html.contains("tt_wl_acme_\(mode.rawValue)_…" + key.suffix(4)))
        }
    }

    @Test func aFormPost_withoutOrWithAWrongCSRFToken_isRefusedWith403() async throws {
        let browser = try await DashboardBrowser.signedIn()
        #expect(await browser.post("/dashboard/mode", ["mode": "test"], csrf: .some(nil)).status == 403)
        #expect(await browser.post("/dashboard/mode", ["mode": "test"], csrf: "0000").status == 403)
        #expect(await browser.post("/dashboard/keys/rotate", ["mode": "test", "grace": "0"], csrf: .some(nil)).status == 403)
        #expect(try await browser.api.accounts.listKeys(operatorID: browser.api.acme.operator.id).count == 2, "nothing rotated")
        #expect(await browser.get("/dashboard").text.contains("Viewing <strong>live data</strong>"))
    }

    @Test func theModeSwitch_showsOnlyThatModesData() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let api = browser.api
        let live = TenantScope(operatorID: api.acme.operator.id, mode: .live)
        _ = try await api.webhooks.createEndpoint(live, NewWebhookEndpoint(url: "https://live.example.com/hooks", events: ["user.created"]))
        let testUser = try await api.createUser(api.acme, .test, email: "sandbox@example.com")
        let livePage = await browser.get("/dashboard").text
        #expect(livePage.contains("https://live.example.com/hooks") && !livePage.contains("TEST MODE"))
        #expect(!livePage.contains(testUser["id"]!.string!))

        #expect(await browser.post("/dashboard/mode", ["mode": "test"]).status == 303)
        let testPage = await browser.get("/dashboard").text
        #expect(testPage.contains("TEST MODE") && testPage.contains("Now showing test data."))
        #expect(!testPage.contains("https://live.example.com/hooks"))
        #expect(testPage.contains(testUser["id"]!.string!), "the curl examples use the mode's real ids")
        #expect(testPage.contains("Bearer tt_wl_acme_test_…"))
    }

    @Test func rotatingAKey_showsTheNewKeyOnce_andTheOldOneRetiresAfterTheGrace() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let api = browser.api
        let response = await browser.post("/dashboard/keys/rotate", ["mode": "test", "grace": "3600"])
        #expect(response.status == 200 && response.headers["Cache-Control"] == "no-store")
        let secret = try #require(response.text.range(of: #"<code id="new-key">"#).map { response.text[$0.upperBound...].prefix { $0 != "<" } })
        #expect(secret.hasPrefix("tt_wl_acme_test_"))
        #expect(await api.call(.get, "/v1/wl/me", token: String(secret)).status == 200)
        #expect(await api.call(.get, "/v1/wl/me", token: api.key(api.acme, .test)).status == 200, "the old key works during the grace")
        #expect(!(await browser.get("/dashboard").text.contains(String(secret))), "shown once")
        api.clock.advance(by: .seconds(3601))
        #expect(await api.call(.get, "/v1/wl/me", token: api.key(api.acme, .test)).status == 401)
    }

    @Test func savingAURL_createsTheReceiverSubscribedToEveryEvent_andTogglingChangesTheCount() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let saved = await browser.post("/dashboard/webhook", ["url": "https://hooks.example.com/in"])
        #expect(saved.status == 303 && saved.headers["Location"] == "/dashboard#webhook")
        let every = WebhookEventType.allCases.count
        #expect(await browser.get("/dashboard").text.contains("\(every) of 10 active"))
        await browser.post("/dashboard/subscriptions", ["event": "usage.daily", "subscribed": "false"])
        let html = await browser.get("/dashboard").text
        #expect(html.contains("\(every - 1) of 10 active") && html.contains("usage.daily off."))
    }

    @Test func aBadURL_isRefusedWithTheDomainsMessage() async throws {
        let browser = try await DashboardBrowser.signedIn()
        await browser.post("/dashboard/webhook", ["url": "not a url"])
        let html = await browser.get("/dashboard").text
        #expect(html.contains(#"class="flash error" role="alert""#))
        #expect(try await browser.api.webhooks.listEndpoints(TenantScope(operatorID: browser.api.acme.operator.id, mode: .live)).data.isEmpty)
    }

    @Test func togglingPastTheQuota_showsTheQuotaError() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let live = TenantScope(operatorID: browser.api.acme.operator.id, mode: .live)
        await browser.post("/dashboard/webhook", ["url": "https://hooks.example.com/in"])
        await browser.post("/dashboard/subscriptions", ["event": "usage.daily", "subscribed": "false"])
        browser.api.clock.advance(by: .seconds(1))
        _ = try await browser.api.webhooks.createEndpoint(live, NewWebhookEndpoint(
            url: "https://other.example.com/in", events: Array(WebhookEventType.allCases.map(\.rawValue).prefix(11 - WebhookEventType.allCases.count))))
        #expect(await browser.get("/dashboard").text.contains("10 of 10 active"))
        await browser.post("/dashboard/subscriptions", ["event": "usage.daily", "subscribed": "true"])
        let html = await browser.get("/dashboard").text
        #expect(html.contains("10 of 10 webhook subscriptions are active; this change needs 1 more, 1 over the quota."))
        #expect(html.contains("10 of 10 active"))
    }

    @Test func aTestEvent_appearsInTheDeliveries_opensInTheInspector_andReplayAddsARowOnTop() async throws {
        let browser = try await DashboardBrowser.signedIn()
        await browser.post("/dashboard/webhook", ["url": "https://hooks.example.com/in"])
        let sent = await browser.post("/dashboard/webhook/test", ["type": "user.created"])
        let location = try #require(sent.headers["Location"])
        #expect(location.hasPrefix("/dashboard?delivery=dlv_") && location.hasSuffix("#inspector"))
        let inspector = await browser.get(String(location.prefix { $0 != "#" })).text
        #expect(inspector.contains(#"id="inspector""#) && inspector.contains(#"<pre class="payload" id="payload">{"#))
        #expect(inspector.contains("&quot;test&quot; : true"))
        let original = String(location.dropFirst("/dashboard?delivery=".count).prefix { $0 != "#" })
        let replayed = await browser.post("/dashboard/deliveries/\(original)/replay")
        let replayID = String(try #require(replayed.headers["Location"]).dropFirst("/dashboard?delivery=".count).prefix { $0 != "#" })
        let page = await browser.get("/dashboard").text
        let first = try #require(page.range(of: "delivery=dlv_")).upperBound
        #expect("dlv_" + page[first...].prefix { $0 != "#" } == replayID)
        #expect(page.contains("Replayed as \(replayID)."))
    }

    @Test func dashboardRequests_doNotCountAgainstTheAPIQuota_andAreNotInTheOpenAPIDocument() async throws {
        let browser = try await DashboardBrowser.signedIn()
        for _ in 0..<5 { await browser.get("/dashboard") }
        _ = await browser.api.call(.get, "/v1/wl/plans", token: browser.api.key(browser.api.acme, .live))
        let html = await browser.get("/dashboard").text
        #expect(html.contains(#"data-quota="minute">1 / 1,000"#))
        let document = await browser.api.call(.get, "/v1/openapi.json", token: nil).text
        #expect(!document.contains("/dashboard") && document.contains("/v1/wl/limits"))
    }

    /// The seed's "14,200 / 60,000": the requests of the IST day, and the users created this IST hour, whatever
    /// the idle time since and whatever failed.
    @Test func quotaMeters_showTheRequestsOfTheDayAndTheUsersCreatedThisHour() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let api = browser.api, key = api.key(api.acme, .live), plan = try await api.defaultPlan(api.acme, .live)
        for i in 0..<3 {
            _ = await api.call(.post, "/v1/wl/users", token: key, json: #"{"email":"m\#(i)@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#)
        }
        _ = await api.call(.post, "/v1/wl/users", token: key, json: #"{"email":"m0@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#)
        _ = await api.call(.post, "/v1/wl/users", token: key, json: "{}")
        api.clock.advance(by: .seconds(600))
        let html = await browser.get("/dashboard").text
        #expect(html.contains(#"data-quota="day">5 / 60,000"#), "five requests today; ten idle minutes give none back")
        #expect(html.contains(#"data-quota="user-creations">3 / 500"#), "three users created; the refused two cost nothing")
    }

    @Test func theAssets_areServedByTheBinary() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        let css = await browser.get("/dashboard/assets/app.css"), js = await browser.get("/dashboard/assets/app.js")
        #expect(css.status == 200 && css.headers["Content-Type"] == "text/css; charset=utf-8" && css.text.contains(".test-banner"))
        #expect(js.status == 200 && js.headers["Content-Type"] == "text/javascript; charset=utf-8" && js.text.contains("data-copy"))
    }
}
