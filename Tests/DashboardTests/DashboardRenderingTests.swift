import APITestSupport
@testable import Dashboard
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing

@Suite struct DashboardRenderingTests {
    @Test func escape_neutralisesEveryCharacterThatEndsTextOrAnAttribute() {
        #expect(HTML.escape(#"<a href="x" title='y'>&</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("₹ plain") == "₹ plain")
    }

    @Test func times_areWrittenInIST() {
        #expect(DashboardFormat.time(Timestamp(milliseconds: 0)) == "1 Jan 1970, 05:30:00 IST")
        #expect(DashboardFormat.time(RFC3339.parse("2026-11-25T13:00:05Z")!) == "25 Nov 2026, 18:30:05 IST")
    }

    @Test func countsAndMoney_areGroupedByThousands() {
        #expect(DashboardFormat.count(180) == "180" && DashboardFormat.count(1000) == "1,000" && DashboardFormat.count(500_000) == "500,000")
        #expect(DashboardFormat.rupees(123_450) == "₹1,234.50" && DashboardFormat.rupees(-5) == "-₹0.05")
        #expect(DashboardFormat.percent(0.975) == "97.5%" && DashboardFormat.percent(nil) == "—")
    }

    @Test func cookies_areReadFromTheHeader_andWrittenWithTheirAttributes() {
        let headers: HTTPHeaders = ["Cookie": "a=1; op_session=ms_abc; b=2"]
        #expect(Cookie.value("op_session", in: headers) == "ms_abc" && Cookie.value("c", in: headers) == nil)
        #expect(Cookie(name: "n", value: "v", maxAge: 60, secure: true).headerValue == "n=v; Path=/dashboard; HttpOnly; SameSite=Lax; Max-Age=60; Secure")
    }

    @Test func aFlash_survivesItsCookie_andForeignValuesAreIgnored() {
        let flash = DashboardFlash(.error, "10 of 10 active; <b>no</b>")
        #expect(DashboardFlash(cookieValue: flash.cookieValue) == flash)
        #expect(!flash.cookieValue.contains(";") && !flash.cookieValue.contains(" "))
        #expect(DashboardFlash(cookieValue: "bogus") == nil)
    }

    @Test func theCSRFToken_isBoundToTheSession() {
        #expect(DashboardSession.csrfToken(for: "ms_a") != DashboardSession.csrfToken(for: "ms_b"))
        #expect(DashboardSession.csrfToken(for: "ms_a").count == 64)
    }
}
