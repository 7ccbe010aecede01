import Kernel
@testable import RateLimit
import Testing

@Suite struct WindowCounterTests {
    /// `"2026-11-25 10:10"` (or with seconds, milliseconds) in IST.
    func ist(_ text: String) -> Timestamp {
        RFC3339.parse(text.replacingOccurrences(of: " ", with: "T") + (text.count == 16 ? ":00" : "") + "+05:30")!
    }

    @Test func window_isTheISTCalendarDayOrHour() {
        let day = WindowCounter(capacity: 10, length: .seconds(86_400), now: ist("2026-11-25 23:50"))
        #expect(day.start == ist("2026-11-25 00:00") && day.end == ist("2026-11-26 00:00"))
        let hour = WindowCounter(capacity: 10, length: .seconds(3600), now: ist("2026-11-25 10:10"))
        #expect(hour.start == ist("2026-11-25 10:00"), "an IST hour starts at half past a UTC hour")
        #expect(hour.secondsUntilReset(at: ist("2026-11-25 10:10:00.001")) == 3000, "rounded up to a whole second")
    }

    @Test func counter_countsExactly_andStartsAgainWithTheNextWindow() {
        var counter = WindowCounter(capacity: 3, length: .seconds(86_400), now: ist("2026-11-25 09:00"))
        for _ in 0..<3 { #expect(counter.canTake(1)); counter.take(1) }
        counter.refresh(at: ist("2026-11-25 23:59:59"))
        #expect(!counter.canTake(1) && counter.used == 3 && counter.remaining == 0, "idle time gives nothing back")
        counter.refresh(at: ist("2026-11-26 00:00"))
        #expect(counter.used == 0 && counter.remaining == 3 && counter.start == ist("2026-11-26 00:00"))
    }

    @Test func clockSteppingBack_neitherRewindsNorResets() {
        var counter = WindowCounter(capacity: 3, length: .seconds(3600), now: ist("2026-11-25 10:10"))
        counter.take(2)
        counter.refresh(at: ist("2026-11-25 09:59"))
        #expect(counter.used == 2 && counter.start == ist("2026-11-25 10:00"))
    }

    @Test func givingBack_onlyReturnsWhatWasTakenInTheCurrentWindow() {
        var counter = WindowCounter(capacity: 10, length: .seconds(3600), now: ist("2026-11-25 10:10"))
        counter.take(5)
        counter.giveBack(3, takenIn: counter.start)
        #expect(counter.used == 2)
        let earlier = counter.start
        counter.refresh(at: ist("2026-11-25 11:00"))
        counter.take(1)
        counter.giveBack(2, takenIn: earlier)
        #expect(counter.used == 1, "tokens of the last hour are not this hour's to give back")
    }

    @Test func aLowerCapacity_keepsWhatWasUsed() {
        var counter = WindowCounter(capacity: 10, length: .seconds(86_400), now: ist("2026-11-25 10:00"))
        counter.take(8)
        counter = counter.resized(to: 5)
        #expect(counter.used == 8 && counter.remaining == 0 && !counter.canTake(1))
    }
}
