import APITestSupport
@testable import Dashboard
import HTTPServer
import Kernel
import Testing
import TestSupport

/// Every path that checks a secret (bearer tokens, login links, the dashboard's sign-in and its password re-check)
/// counts against one throttle per address: failing on one path closes all of them to further failures. A valid
/// token still gets through; a password (guessable) from a throttled address is refused unchecked, right or wrong.
@Suite(.databases) struct SharedThrottleTests {
    static let address = DashboardBrowser.address

    func browser() async throws -> DashboardBrowser {
        DashboardBrowser(try await OperatorAPIFixture { $0.rateLimit.authFailuresPerAddress = 3 })
    }

    @Test func failedBearerTokens_closeTheLoginLinkAndTheDashboardSignIn() async throws {
        let browser = try await browser()
        for _ in 0..<3 {
            #expect(await browser.api.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.address).status == 401)
        }
        let login = await browser.api.call(.post, "/v1/client/login", token: nil, json: #"{"token":"lt_guess"}"#, from: Self.address)
        #expect(login.status == 429 && login.json["code"] == "quota_exceeded" && login.headers["Retry-After"] != nil)
        #expect(login.json["violated_policies"] == ["auth-failures"])
        let signIn = await browser.signIn(email: DashboardBrowser.email, password: DashboardBrowser.password)
        #expect(signIn.status == 429 && signIn.text.contains("Too many failed sign-ins"))
        let elsewhere = await browser.api.call(.get, "/v1/wl/me", token: browser.api.key(browser.api.acme, .live), from: "10.0.0.8")
        #expect(elsewhere.status == 200, "another address is not throttled")
    }

    @Test func failedDashboardSignIns_closeTheBearerTokens_butNotARightOne() async throws {
        let browser = try await browser()
        for _ in 0..<3 { _ = await browser.signIn(email: "nobody@acme.test", password: "guess guess guess") }
        let guess = await browser.api.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.address)
        #expect(guess.status == 429 && guess.json["code"] == "quota_exceeded")
        let me = await browser.api.call(.get, "/v1/wl/me", token: browser.api.key(browser.api.acme, .live), from: Self.address)
        #expect(me.status == 200, "a valid key is never throttled")
    }

    @Test func failedLoginLinks_andAWrongPasswordAtTheSecretReveal_countToo() async throws {
        let browser = try await browser()
        _ = try await browser.api.accounts.addMember(operatorID: browser.api.acme.operator.id, email: DashboardBrowser.email,
                                                     password: DashboardBrowser.password)
        _ = await browser.signIn(email: DashboardBrowser.email, password: DashboardBrowser.password)
        await browser.get("/dashboard")
        _ = await browser.post("/dashboard/webhook", ["url": "https://hooks.example.com/in"])
        for _ in 0..<2 {
            #expect(await browser.api.call(.post, "/v1/client/login", token: nil, json: #"{"token":"lt_guess"}"#, from: Self.address).status == 401)
        }
        let wrong = await browser.post("/dashboard/webhook/reveal", ["password": "not the password"])
        #expect(wrong.status == 303)
        let refused = await browser.post("/dashboard/webhook/reveal", ["password": DashboardBrowser.password])
        #expect(refused.status == 303, "the right password, refused")
        let page = await browser.get("/dashboard").text
        #expect(page.contains("Too many failed attempts from your address"))
        #expect(!page.contains(#"id="signing-secret""#), "the secret stays hidden")
    }
}
