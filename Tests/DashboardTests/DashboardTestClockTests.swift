import Accounts
import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// TEST MODE shows the sandbox's time and drives its test clock; the live page shows neither.
@Suite(.databases) struct DashboardTestClockTests {
    @Test func testMode_showsTheSandboxTime_startsAClock_advancesIt_andReturnsToRealTime() async throws {
        let browser = try await DashboardBrowser.signedIn()
        let now = browser.api.clock.now()
        #expect(!(await browser.get("/dashboard").text.contains(#"id="sandbox-time""#)), "not in live mode")
        await browser.post("/dashboard/mode", ["mode": "test"])
        var html = await browser.get("/dashboard").text
        #expect(html.contains(#"<time id="sandbox-time">\#(DashboardFormat.time(now))</time> (real time)"#))

        await browser.post("/dashboard/test-clock")
        html = await browser.get("/dashboard").text
        #expect(html.contains("(test clock)") && html.contains(#"id="advance-test-clock""#))
        await browser.post("/dashboard/test-clock/advance", ["by": "604800"])
        html = await browser.get("/dashboard").text
        let later = DashboardFormat.time(now + .seconds(604_800))
        #expect(html.contains(#"<time id="sandbox-time">\#(later)</time> (test clock)"#))
        #expect(html.contains("Advanced to \(later): 7 days rolled up"))
        await browser.post("/dashboard/test-clock/advance", ["by": "999"])
        #expect(await browser.get("/dashboard").text.contains("Choose how far to advance the clock."))

        await browser.post("/dashboard/test-clock/delete")
        html = await browser.get("/dashboard").text
        #expect(html.contains("(real time)") && html.contains(#"id="start-test-clock""#))
    }
}
