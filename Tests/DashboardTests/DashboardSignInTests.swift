import Accounts
import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct DashboardSignInTests {
    @Test func signIn_withTheRightPassword_setsAnHttpOnlyLaxSessionCookieAndRedirectsToThePage() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        _ = try await browser.api.accounts.addMember(operatorID: browser.api.acme.operator.id, email: DashboardBrowser.email,
                                                     password: DashboardBrowser.password)
        let response = await browser.signIn(email: "OPS@acme.test", password: DashboardBrowser.password)
        #expect(response.status == 303 && response.headers["Location"] == "/dashboard")
        let cookie = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix("op_session=ms_") })
        #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("; Path=/dashboard"))
        #expect(cookie.contains("Max-Age=43200") && !cookie.contains("Secure"))
        #expect(await browser.get("/dashboard").status == 200)
    }

    @Test func signIn_behindAProxyThatSaysHTTPS_marksTheCookieSecure() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        _ = try await browser.api.accounts.addMember(operatorID: browser.api.acme.operator.id, email: DashboardBrowser.email,
                                                     password: DashboardBrowser.password)
        browser.headers["X-Forwarded-Proto"] = "https"
        let response = await browser.signIn(email: DashboardBrowser.email, password: DashboardBrowser.password)
        #expect(response.headers.values("Set-Cookie").first { $0.hasPrefix("op_session=") }?.hasSuffix("; Secure") == true)
    }

    @Test func signIn_unknownEmailAndWrongPassword_getTheSameAnswer() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        _ = try await browser.api.accounts.addMember(operatorID: browser.api.acme.operator.id, email: DashboardBrowser.email,
                                                     password: DashboardBrowser.password)
        let wrong = await browser.signIn(email: DashboardBrowser.email, password: "not the password")
        let unknown = await browser.signIn(email: "nobody@acme.test", password: DashboardBrowser.password)
        for response in [wrong, unknown] {
            #expect(response.status == 200 && response.text.contains(LoginPage.failed))
            #expect(response.headers.values("Set-Cookie").allSatisfy { !$0.hasPrefix("op_session=") })
        }
        #expect(browser.cookies["op_session"] == nil)
    }

    @Test func signIn_afterTwentyFailuresFromOneAddress_isRefusedWith429() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        for _ in 0..<20 { _ = await browser.signIn(email: "nobody@acme.test", password: "guess guess guess") }
        let refused = await browser.signIn(email: "nobody@acme.test", password: "guess guess guess")
        #expect(refused.status == 429 && refused.headers["Retry-After"] != nil)
        #expect(refused.text.contains("Too many failed sign-ins"))
    }

    @Test func signIn_withoutTheFormsToken_isRefused() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        let response = await browser.post("/dashboard/login", ["email": DashboardBrowser.email, "password": DashboardBrowser.password])
        #expect(response.status == 403)
    }

    @Test func anExpiredSession_sendsTheBrowserToSignInAgain() async throws {
        let browser = try await DashboardBrowser.signedIn()
        browser.api.clock.advance(by: .seconds(12 * 3600 + 1))
        let response = await browser.get("/dashboard")
        #expect(response.status == 303 && response.headers["Location"] == "/dashboard/login?expired=1")
        #expect(await browser.get("/dashboard/login?expired=1").text.contains(LoginPage.expired))
    }

    @Test func withoutASession_thePageRedirectsToSignIn() async throws {
        let browser = DashboardBrowser(try await OperatorAPIFixture())
        let response = await browser.get("/dashboard")
        #expect(response.status == 303 && response.headers["Location"] == "/dashboard/login")
    }

    @Test func signOut_endsTheSessionOnTheServer() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let token = try #require(browser.cookies["op_session"])
        let response = await browser.post("/dashboard/logout")
        #expect(response.status == 303 && response.headers["Location"] == "/dashboard/login")
        #expect(await browser.api.accounts.memberSession(token: token) == nil)
        #expect(await browser.get("/dashboard").status == 303)
    }

    @Test func theSessionToken_isStoredOnlyAsItsHash() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let token = try #require(browser.cookies["op_session"])
        let stored = try await browser.api.database.read { tx in
            try tx.query("SELECT token_hash FROM member_sessions").map { try $0.get("token_hash", as: [UInt8].self) }
        }
        #expect(stored == [Digest.sha256(token)])
    }
}
