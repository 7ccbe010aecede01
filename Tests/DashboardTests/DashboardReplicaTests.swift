import APITestSupport
import Testing
import TestSupport

/// The dashboard behind a load balancer: every request of one member may reach another replica. Sessions, their
/// CSRF tokens and the sign-in form's token are in the database or derived from the cookie, never in one process.
@Suite(.databases) struct DashboardReplicaTests {
    @Test func aMemberWhoseRequestsAlternateBetweenReplicas_signsIn_seesThePage_andPostsItsForms() async throws {
        let a = try await OperatorAPIFixture()
        let b = try await OperatorAPIFixture(replicaOf: a)
        _ = try await a.accounts.addMember(operatorID: a.acme.operator.id, email: DashboardBrowser.email, password: DashboardBrowser.password)
        let browser = DashboardBrowser(a)
        _ = await browser.get("/dashboard/login")
        browser.api = b
        #expect(await browser.post("/dashboard/login", ["email": DashboardBrowser.email, "password": DashboardBrowser.password]).status == 303,
                "the sign-in form served by one replica is accepted by the other")
        browser.api = a
        #expect(await browser.get("/dashboard").text.contains("Viewing <strong>live data</strong>"), "a session opened on b is known to a")
        browser.api = b
        #expect(await browser.post("/dashboard/mode", ["mode": "test"]).status == 303, "a's page's CSRF token is accepted by b")
        browser.api = a
        let page = await browser.get("/dashboard").text
        #expect(page.contains("TEST MODE") && page.contains("Now showing test data."))
        browser.api = b
        #expect(await browser.post("/dashboard/logout").status == 303)
        browser.api = a
        #expect(await browser.get("/dashboard").status == 303, "signed out on b is signed out on a")
    }
}
