import Testing
@testable import HTTPServer

@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine
    static let ms: UInt64 = 1_000_000
    static let timeouts = Machine.Timeouts(
        firstByte: 400 * ms, idle: 1000 * ms, header: 100 * ms, body: 200 * ms, handler: 300 * ms, linger: 50 * ms)

    static func head(_ method: HTTPMethod = .get, version: HTTPVersion = .http11, keepAlive: Bool = true, framing: BodyFraming = .length(0), expectsContinue: Bool = false) -> HTTPRequestHead {
        HTTPRequestHead(method: method, target: "/", version: version, headers: [:], framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue)
    }

    /// A machine that has received a request (at t = 10 ms) and dispatched it.
    static func handling(_ head: HTTPRequestHead = head()) -> (Machine, sequence: UInt64) {
        var machine = Machine(timeouts: timeouts, now: 0)
        machine.bytesReceived(now: 10 * ms)
        _ = machine.headReceived(head, now: 10 * ms)
        let sequence = machine.requestReceived(now: 10 * ms)
        return (machine, sequence)
    }

    @Test func machine_whenCreated_waitsIdleUntilTheFirstByteTimeout() {
        var machine = Machine(timeouts: Self.timeouts, now: 5)
        #expect(machine.phase == .idle)
        #expect(machine.deadline == 5 + Self.timeouts.firstByte)
        #expect(machine.timerFired(now: 5 + Self.timeouts.firstByte - 1) == .none)
        #expect(machine.timerFired(now: 5 + Self.timeouts.firstByte) == .close, "closed silently: there is no request to answer")
    }

    @Test func machine_whenFirstBytesArrive_startsTheHeaderTimeout() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 7 * Self.ms)
        #expect(machine.phase == .readingHead)
        #expect(machine.deadline == 107 * Self.ms)
        machine.bytesReceived(now: 50 * Self.ms)
        #expect(machine.deadline == 107 * Self.ms, "more bytes of the same head do not extend it")
    }

    @Test func machine_whenHeadArrives_startsTheBodyTimeout() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 0)
        #expect(machine.headReceived(Self.head(framing: .length(5)), now: 20 * Self.ms) == .none)
        #expect(machine.phase == .readingBody)
        #expect(machine.deadline == 220 * Self.ms)
    }

    @Test func machine_whenRequestIsComplete_dispatchesItWithTheHandlerDeadline() {
        let (machine, sequence) = Self.handling()
        #expect(sequence == 1)
        #expect(machine.phase == .handling)
        #expect(machine.deadline == 310 * Self.ms)
        #expect(!machine.wantsInput, "pipelined requests wait until this one is answered")
    }

    @Test func machine_whenKeepAliveResponseIsWritten_returnsToIdle() {
        var (machine, sequence) = Self.handling()
        let context = machine.responseReady(sequence: sequence, closeRequested: false, now: 20 * Self.ms)
        #expect(context == .init(version: .http11, keepAlive: true, isHead: false))
        #expect(machine.phase == .writing)
        #expect(machine.writeCompleted(hasBufferedInput: false, now: 30 * Self.ms) == .resumeReading)
        #expect(machine.phase == .idle)
        #expect(machine.deadline == 1030 * Self.ms)
    }

    @Test func machine_whenNextRequestOnAKeepAliveConnectionTrickles_answers408AtTheHeaderTimeout() {
        var (machine, sequence) = Self.handling()
        _ = machine.responseReady(sequence: sequence, closeRequested: false, now: 20 * Self.ms)
        _ = machine.writeCompleted(hasBufferedInput: false, now: 30 * Self.ms)
        // One byte of the next head every 10 ms, from t = 500 ms on: only the first one starts the clock.
        for tick in 0..<10 { machine.bytesReceived(now: (500 + 10 * UInt64(tick)) * Self.ms) }
        #expect(machine.deadline == 600 * Self.ms)
        #expect(machine.timerFired(now: 599 * Self.ms) == .none)
        guard case .writeError(408, _, let context) = machine.timerFired(now: 600 * Self.ms) else {
            Issue.record("expected 408")
            return
        }
        #expect(!context.keepAlive)
    }

    @Test func machine_whenPipelinedBytesAreBuffered_readsTheNextHeadUnderTheHeaderTimeout() {
        var (machine, sequence) = Self.handling()
        _ = machine.responseReady(sequence: sequence, closeRequested: false, now: 20 * Self.ms)
        #expect(machine.writeCompleted(hasBufferedInput: true, now: 30 * Self.ms) == .resumeReading)
        #expect(machine.phase == .readingHead)
        #expect(machine.deadline == 130 * Self.ms)
        _ = machine.headReceived(Self.head(), now: 30 * Self.ms)
        #expect(machine.requestReceived(now: 30 * Self.ms) == 2)
    }

    @Test func machine_whenClientAskedToClose_lingersAfterTheResponse() {
        var (machine, sequence) = Self.handling(Self.head(keepAlive: false))
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0)?.keepAlive == false)
        #expect(machine.writeCompleted(hasBufferedInput: true, now: 40 * Self.ms) == .linger)
        #expect(machine.phase == .lingering)
        #expect(machine.deadline == 90 * Self.ms)
        #expect(machine.timerFired(now: 90 * Self.ms) == .close)
    }

    @Test func machine_whenHandlerResponseSaysClose_closesAfterIt() {
        var (machine, sequence) = Self.handling()
        #expect(machine.responseReady(sequence: sequence, closeRequested: true, now: 0)?.keepAlive == false)
        #expect(machine.writeCompleted(hasBufferedInput: false, now: 0) == .linger)
    }

    @Test func machine_whenHTTP10KeepsAlive_answersInHTTP10Terms() {
        var (machine, sequence) = Self.handling(Self.head(version: .http10, keepAlive: true))
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0) == .init(version: .http10, keepAlive: true, isHead: false))
    }

    @Test func machine_whenRequestIsHEAD_marksTheResponseBodiless() {
        var (machine, sequence) = Self.handling(Self.head(.head))
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0)?.isHead == true)
    }

    @Test func machine_whenExpectContinueWithBody_sendsContinue() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        #expect(machine.headReceived(Self.head(.put, framing: .length(3), expectsContinue: true), now: 0) == .sendContinue)
        var bodiless = Machine(timeouts: Self.timeouts, now: 0)
        #expect(bodiless.headReceived(Self.head(.put, framing: .length(0), expectsContinue: true), now: 0) == .none)
        var chunked = Machine(timeouts: Self.timeouts, now: 0)
        #expect(chunked.headReceived(Self.head(.put, framing: .chunked, expectsContinue: true), now: 0) == .sendContinue)
    }

    @Test func machine_whenRequestIsRejected_writesTheErrorThenLingers() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 0)
        let action = machine.requestRejected(HTTPParseError(status: 431, detail: "big"), now: 0)
        #expect(action == .writeError(status: 431, detail: "big", .closing))
        #expect(machine.writeCompleted(hasBufferedInput: true, now: 0) == .linger)
    }

    @Test func machine_whenBodyIsRejectedAfterAHEADHead_keepsTheResponseBodiless() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        _ = machine.headReceived(Self.head(.head, framing: .chunked), now: 0)
        let action = machine.requestRejected(HTTPParseError(status: 413, detail: "too big"), now: 0)
        #expect(action == .writeError(status: 413, detail: "too big", .init(version: .http11, keepAlive: false, isHead: true)))
    }

    @Test func machine_whenHeaderTimeoutPasses_answers408() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 0)
        #expect(machine.timerFired(now: 99 * Self.ms) == .none)
        guard case .writeError(408, let detail, let context) = machine.timerFired(now: 100 * Self.ms) else {
            Issue.record("expected 408")
            return
        }
        #expect(detail.contains("100 ms"))
        #expect(!context.keepAlive)
    }

    @Test func machine_whenBodyTimeoutPasses_answers408() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        _ = machine.headReceived(Self.head(framing: .length(10)), now: 0)
        guard case .writeError(408, _, _) = machine.timerFired(now: 200 * Self.ms) else {
            Issue.record("expected 408")
            return
        }
    }

    @Test func machine_whenIdleTimeoutPassesAfterAResponse_closesSilently() {
        var (machine, sequence) = Self.handling()
        _ = machine.responseReady(sequence: sequence, closeRequested: false, now: 20 * Self.ms)
        _ = machine.writeCompleted(hasBufferedInput: false, now: 30 * Self.ms)
        #expect(machine.timerFired(now: 1029 * Self.ms) == .none, "a keep-alive wait is not cut at the first-byte timeout")
        #expect(machine.timerFired(now: 1030 * Self.ms) == .close)
        #expect(machine.phase == .closed)
    }

    @Test func machine_whenHandlerMissesItsDeadline_answers503AndDropsTheLateResponse() {
        var (machine, sequence) = Self.handling()
        guard case .abandonHandler(503, _, let context) = machine.timerFired(now: 310 * Self.ms) else {
            Issue.record("expected 503")
            return
        }
        #expect(context.keepAlive)
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 400 * Self.ms) == nil)
        #expect(machine.writeCompleted(hasBufferedInput: false, now: 400 * Self.ms) == .resumeReading)
        _ = machine.headReceived(Self.head(), now: 500 * Self.ms)
        let next = machine.requestReceived(now: 500 * Self.ms)
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 500 * Self.ms) == nil, "a stale answer never answers a newer request")
        #expect(machine.responseReady(sequence: next, closeRequested: false, now: 500 * Self.ms) != nil)
    }

    @Test func machine_whenClientStopsReadingTheResponse_closesAtTheIdleTimeout() {
        var (machine, sequence) = Self.handling()
        _ = machine.responseReady(sequence: sequence, closeRequested: false, now: 0)
        #expect(machine.timerFired(now: 1000 * Self.ms) == .close)
    }

    @Test func machine_whenInputEndsMidRequest_closes() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 0)
        #expect(machine.inputEnded() == .close)
    }

    @Test func machine_whenInputEndsWhileHandling_answersThenCloses() {
        var (machine, sequence) = Self.handling()
        #expect(machine.inputEnded() == .none)
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0) != nil)
        #expect(machine.writeCompleted(hasBufferedInput: false, now: 0) == .close)
    }

    @Test func machine_whenInputEndsAfterPipelinedRequests_answersThemAll() {
        var (machine, sequence) = Self.handling()
        _ = machine.inputEnded()
        _ = machine.responseReady(sequence: sequence, closeRequested: false, now: 0)
        #expect(machine.writeCompleted(hasBufferedInput: true, now: 0) == .resumeReading)
        #expect(machine.phase == .readingHead)
    }

    @Test func machine_whenShutdownFindsItIdle_closesAtOnce() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        #expect(machine.shutdownRequested() == .close)
    }

    @Test func machine_whenShutdownFindsItHandling_answersWithCloseThenLingers() {
        var (machine, sequence) = Self.handling()
        #expect(machine.shutdownRequested() == .none)
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0)?.keepAlive == false)
        #expect(machine.writeCompleted(hasBufferedInput: false, now: 0) == .linger)
    }

    @Test func machine_whenShutdownFindsItReadingAHead_answersThatRequestWithClose() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.bytesReceived(now: 0)
        #expect(machine.shutdownRequested() == .none)
        _ = machine.headReceived(Self.head(), now: 0)
        let sequence = machine.requestReceived(now: 0)
        #expect(machine.responseReady(sequence: sequence, closeRequested: false, now: 0)?.keepAlive == false)
    }

    @Test func machine_whenAborted_isClosedAndIgnoresTimers() {
        var machine = Machine(timeouts: Self.timeouts, now: 0)
        machine.abort()
        #expect(machine.phase == .closed)
        #expect(machine.timerFired(now: .max) == .none)
    }
}
