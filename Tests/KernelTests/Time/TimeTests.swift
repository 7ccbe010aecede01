import Foundation
import Synchronization
import Kernel
import Testing

@Suite struct TimeTests {
    @Test func rfc3339_formatsUTCWithMilliseconds() {
        #expect(Timestamp(milliseconds: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: 1_614_265_330_123).rfc3339 == "2021-02-25T15:02:10.123Z")
        #expect(Timestamp(milliseconds: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
    }

    @Test func rfc3339_parsesOffsetsAndFractions() {
        #expect(RFC3339.parse("2021-02-25T15:02:10.123Z") == Timestamp(milliseconds: 1_614_265_330_123))
        #expect(RFC3339.parse("2021-02-25T20:32:10+05:30") == Timestamp(milliseconds: 1_614_265_330_000))
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: ["", "2021-02-30T00:00:00Z", "2021-13-01T00:00:00Z", "2021-02-25 15:02:10Z", "2021-02-25T15:02:10",
                      "2021-02-25T25:00:00Z", "2021-02-25T15:02:10.Z", "2021-02-25T15:02:10Zjunk"])
    func rfc3339_rejectsMalformed(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func civilDate_parsesOnlyRealDates() {
        #expect(CivilDate("2026-11-25")?.description == "2026-11-25")
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("2026-02-29") == nil)
        #expect(CivilDate("2026-1-05") == nil)
        #expect(CivilDate("2026-11-25").map { $0.adding(days: 7).description } == "2026-12-02")
    }

    @Test func manualClock_wakesSleepersOnlyWhenTheirDeadlinePasses() async throws {
        let clock = ManualClock(Timestamp(seconds: 1000))
        let woke = Task { try await clock.sleep(until: Timestamp(seconds: 1060)); return clock.now() }
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(30))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(30))
        #expect(try await woke.value == Timestamp(seconds: 1060))
    }

    @Test func manualClock_cancelledSleeperThrows() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func identifier_hasPrefixAndEnoughRandomness() {
        let ids = (0..<1000).map { _ in Identifier.make("usr") }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { Identifier.isValid($0, prefix: "usr") })
        #expect(!Identifier.isValid(ids[0], prefix: "op"))
        #expect(!Identifier.isValid("usr_short", prefix: "usr"))
        #expect(!Identifier.isValid("usr_" + String(repeating: "!", count: 22), prefix: "usr"))
    }
}

@Suite struct LoggerTests {
    @Test func logLine_isValidJSONWithSortedKeysAndEscapes() throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(clock: ManualClock(Timestamp(milliseconds: 0)), sink: { line in lines.withLock { $0.append(line) } })
        logger.info("said \"hi\"\n", ["path": "/v1/x", "tab": "a\tb", "ctl": "\u{01}"])
        let line = try #require(lines.withLock { $0.first })
        #expect(line == #"{"ctl":"\u0001","level":"info","message":"said \"hi\"\n","path":"/v1/x","tab":"a\tb","time":"1970-01-01T00:00:00.000Z"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(parsed?["message"] == "said \"hi\"\n")
        Logger(minimum: .error, sink: { line in lines.withLock { $0.append(line) } }).info("dropped")
        #expect(lines.withLock { $0.count } == 1)
    }

    @Test func with_addsItsFieldsToEveryLine_andALinesOwnFieldWins() throws {
        let lines = Mutex<[String]>([])
        let base = Logger(clock: ManualClock(Timestamp(milliseconds: 0)), sink: { line in lines.withLock { $0.append(line) } })
        let request = base.with(["request_id": "req_1", "route": "/v1/x"])
        request.info("first")
        request.with(["route": "/v1/y"]).warning("second", ["strategy_id": "stg_1"])
        request.info("third", ["route": "/v1/z"])
        base.info("plain")
        #expect(lines.withLock { $0 } == [
            #"{"level":"info","message":"first","request_id":"req_1","route":"/v1/x","time":"1970-01-01T00:00:00.000Z"}"#,
            #"{"level":"warning","message":"second","request_id":"req_1","route":"/v1/y","strategy_id":"stg_1","time":"1970-01-01T00:00:00.000Z"}"#,
            #"{"level":"info","message":"third","request_id":"req_1","route":"/v1/z","time":"1970-01-01T00:00:00.000Z"}"#,
            #"{"level":"info","message":"plain","time":"1970-01-01T00:00:00.000Z"}"#,
        ])
    }
}
