@testable import Billing
import Kernel
import Testing
import TestSupport

@Suite struct UsageWindowTests {
    @Test func window_runsFrom1830ISTTheDayBefore_to1830ISTOnTheDay() {
        let window = UsageWindow(date: .day("2026-11-25"))
        #expect(window.start.rfc3339 == "2026-11-24T13:00:00.000Z")
        #expect(window.end.rfc3339 == "2026-11-25T13:00:00.000Z")
        #expect(window.start == IST.at("2026-11-24 18:30") && window.end == IST.at("2026-11-25 18:30"))
        #expect(window.end - window.start == .seconds(86_400))
    }

    @Test func containing_puts1830ISTExactlyInTheNextDay_andTheMillisecondBeforeInThisOne() {
        #expect(UsageWindow.containing(IST.at("2026-11-25 18:30")).date == .day("2026-11-26"))
        #expect(UsageWindow.containing(IST.at("2026-11-25 18:30") - .milliseconds(1)).date == .day("2026-11-25"))
        #expect(UsageWindow.containing(IST.at("2026-11-25 00:00")).date == .day("2026-11-25"))
        #expect(UsageWindow.containing(IST.at("2026-12-31 19:00")).date == .day("2027-01-01"), "the window crosses the year")
        #expect(UsageWindow.containing(IST.at("2028-02-28 18:30")).date == .day("2028-02-29"), "leap day")
        #expect(UsageWindow.containing(Timestamp(milliseconds: -3_600_000)).date == .day("1970-01-01"), "before the epoch")
        #expect(UsageWindow.containing(Timestamp(milliseconds: -86_400_000)).date == .day("1969-12-31"))
    }

    @Test func lastClosed_isTheDayMostRecentlyDue() {
        #expect(UsageWindow.lastClosed(at: IST.at("2026-11-25 18:29:59")).date == .day("2026-11-24"))
        #expect(UsageWindow.lastClosed(at: IST.at("2026-11-25 18:30")).date == .day("2026-11-25"))
        #expect(UsageWindow(date: .day("2026-11-25")).isClosed(at: IST.at("2026-11-25 18:30")))
        #expect(!UsageWindow(date: .day("2026-11-25")).isClosed(at: IST.at("2026-11-25 18:29:59")))
    }

    @Test func overlaps_countsAnyMomentLiveInsideTheWindow_andNothingElse() {
        let window = UsageWindow(date: .day("2026-11-25"))
        func live(_ from: String, _ until: String?) -> Bool { window.overlaps(from: IST.at(from), until: until.map(IST.at)) }
        #expect(live("2026-11-25 10:00", "2026-11-25 10:05"), "five minutes inside")
        #expect(live("2026-11-20 10:00", nil), "deployed long before and still live")
        #expect(live("2026-11-24 17:00", "2026-11-24 18:31"), "one minute into the window")
        #expect(live("2026-11-25 18:29", nil), "deployed in the last minute")
        #expect(!live("2026-11-24 10:00", "2026-11-24 18:30"), "paused exactly as the window opened")
        #expect(!live("2026-11-24 10:00", "2026-11-24 12:00"), "paused before the window")
        #expect(!live("2026-11-25 18:30", nil), "deployed exactly as the window closed")
        #expect(!live("2026-11-25 10:00", "2026-11-25 10:00"), "an empty interval was never live")
    }
}
