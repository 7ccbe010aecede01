import Kernel
import Testing
import TestSupport

@Suite struct ServiceGroupTests {
    let journal = ServiceJournal()
    let trigger = ShutdownTrigger()
    let log = LogCapture()
    var logger: Logger { log.logger }

    func services(_ names: String...) -> [MockService] { names.map { MockService($0, journal: journal) } }

    @Test func run_whenShutdownIsRequested_stopsTheServicesInReverseStartOrder() async throws {
        let group = ServiceGroup(services("bus", "dispatcher", "http"), logger: logger)
        let running = Task { try await group.run(until: trigger.wait) }
        #expect(await journal.next(3).count == 3)
        trigger.pull()
        try await running.value
        #expect(journal.entries.suffix(3) == [.stopped("http"), .stopped("dispatcher"), .stopped("bus")])
        #expect(log.entries(message: "service stopped").map { $0["service"] } == ["http", "dispatcher", "bus"])
    }

    @Test func run_whenAServiceThrows_reportsItAndStopsTheOthersInReverseOrder() async throws {
        let mocks = services("bus", "scheduler", "http")
        let running = Task { try await ServiceGroup(mocks, logger: logger).run(until: trigger.wait) }
        _ = await journal.next(3)
        mocks[1].die(.failure(MockFailure()))
        let error = try #require(await #expect(throws: ServiceGroupError.self) { try await running.value })
        #expect(error.code == .serviceFailed && error.service == "scheduler" && error.underlying is MockFailure)
        #expect(journal.entries.suffix(2) == [.stopped("http"), .stopped("bus")])
        #expect(log.entries.contains { $0["level"] == "error" && $0["service"] == "scheduler" })
    }

    @Test func run_whenAServiceReturnsBeforeItIsCancelled_reportsItAsFinishedEarly() async throws {
        let mocks = services("bus", "pruner")
        let running = Task { try await ServiceGroup(mocks, logger: logger).run(until: trigger.wait) }
        _ = await journal.next(2)
        mocks[1].die(.success(()))
        let error = try #require(await #expect(throws: ServiceGroupError.self) { try await running.value })
        #expect(error.code == .serviceFinishedEarly && error.service == "pruner")
        #expect(journal.entries.last == .stopped("bus"))
    }

    @Test func run_whenTheCallingTaskIsCancelled_stopsEveryServiceAndReturns() async throws {
        let group = ServiceGroup(services("bus", "http"), logger: logger)
        let running = Task { try await group.run(until: trigger.wait) }
        _ = await journal.next(2)
        running.cancel()
        try await running.value
        #expect(journal.entries.suffix(2) == [.stopped("http"), .stopped("bus")])
    }

    @Test func startedService_runsItsStopToTheEnd_althoughItsTaskIsCancelled() async throws {
        let clock = ManualClock(), journal = self.journal
        let dispatcher = BackgroundService.started("dispatcher", start: { journal.record(.started("dispatcher")) }, stop: {
            do {
                try await clock.sleep(for: .seconds(5))
                journal.record(.stopped("dispatcher"))
            } catch {
                journal.record(.stopCancelled("dispatcher"))
            }
        })
        let running = Task { try await ServiceGroup([dispatcher]).run(until: trigger.wait) }
        _ = await journal.next(1)
        trigger.pull()
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(5))
        try await running.value
        #expect(journal.entries == [.started("dispatcher"), .stopped("dispatcher")])
    }

    @Test func loopService_endsWithItsTaskAndCountsAsStopped() async throws {
        let journal = self.journal
        let loop = BackgroundService("pruner") {
            journal.record(.started("pruner"))
            await waitUntilCancelled()
            journal.record(.stopped("pruner"))
        }
        let running = Task { try await ServiceGroup([loop]).run(until: trigger.wait) }
        _ = await journal.next(1)
        trigger.pull()
        try await running.value
        #expect(journal.entries == [.started("pruner"), .stopped("pruner")])
    }
}
