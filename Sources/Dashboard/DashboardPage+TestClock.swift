import HTTPAPI
import Kernel

extension DashboardPage {
    /// How far one press of "Advance" moves the sandbox's clock.
    static let advanceSteps: [(seconds: Int, label: String)] = [
        (3600, "1 hour"), (86_400, "1 day"), (604_800, "7 days"), (2_592_000, "30 days"), (5_184_000, "60 days"),
    ]

    /// TEST MODE's banner: the sandbox's time, and the test clock's controls (start one; advance it; back to real time).
    func testBanner() -> String {
        let clock = snapshot.testClock
        let time = clock.map { DashboardFormat.time($0.currentTime) } ?? ""
        let controls: String
        if clock?.frozenTime == nil {
            controls = """
                <form method="post" action="/dashboard/test-clock" class="inline-form">\(csrf)
                <button type="submit" id="start-test-clock">Start a test clock</button>
                <span class="hint">Pin the sandbox's time, then move it forward to rehearse billing.</span>
                </form>
                """
        } else {
            let options = Self.advanceSteps.map { #"<option value="\#($0.seconds)"\#($0.seconds == 86_400 ? " selected" : "")>\#($0.label)</option>"# }
            controls = """
                <form method="post" action="/dashboard/test-clock/advance" class="inline-form">\(csrf)
                <label for="advance-by">Advance by</label><select id="advance-by" name="by">\(options.joined())</select>
                <button type="submit" id="advance-test-clock">Advance</button>
                </form>
                <form method="post" action="/dashboard/test-clock/delete" class="inline-form">\(csrf)
                <button type="submit" id="delete-test-clock">Back to real time</button>
                </form>
                """
        }
        return """
            <div class="test-banner" role="status"><strong>TEST MODE</strong> — you are looking at sandbox data · sandbox time \
            <time id="sandbox-time">\(HTML.escape(time))</time> (\(clock?.frozenTime == nil ? "real time" : "test clock"))</div>
            <div class="test-clock">\(controls)</div>
            """
    }
}
