import Kernel
import Testing
@testable import Webhooks

/// The scheduler's part in running beside other replicas: a circuit another replica opened, claims that may lapse.
@Suite struct DispatchSchedulerReplicaTests {
    typealias Job = DispatchSchedulerTests.Job
    typealias Scheduler = DispatchSchedulerTests.Scheduler

    let base = DispatchSchedulerTests()

    @Test func aCircuitAnotherReplicaOpened_isAdoptedAtTheNextRead_andHoldsThisReplicaBackToo() {
        let t0 = base.t0, reopen = t0 + .seconds(60)
        var scheduler = base.loaded(DispatchSchedulerTests.limits(perEndpoint: 2), [("shared", base.acme)], jobs: 1)
        #expect(DispatchSchedulerTests.attempts(scheduler.nextActions(now: t0)) == ["shared"])
        scheduler.touch("shared", tenant: base.acme, now: t0)
        guard case .fetch = scheduler.nextActions(now: t0).first else { Issue.record("no read"); return }
        scheduler.fetched("shared", .init(items: DispatchSchedulerTests.jobs("shared", 2, from: 1), full: false, nextDue: nil,
                                          failures: 5, circuitOpenUntil: reopen), now: t0)

        #expect(DispatchSchedulerTests.attempts(scheduler.nextActions(now: t0)) == [], "the circuit is open for this replica too")
        #expect(scheduler.nextWake == reopen)
    }

    @Test func forgettingWhatIsQueued_readsAgain_leavingOutOnlyWhatIsInFlight() {
        let t0 = base.t0
        var scheduler = base.loaded(DispatchSchedulerTests.limits(perEndpoint: 1), [("x", base.acme)], jobs: 3)
        #expect(DispatchSchedulerTests.attempts(scheduler.nextActions(now: t0)) == ["x"])
        #expect(scheduler.holdsItems)

        scheduler.forgetQueued(now: t0)
        _ = scheduler.attemptEnded("x", id: "x-0", .delivered, now: t0)
        guard case .fetch(_, _, let excluding) = scheduler.nextActions(now: t0).first else { Issue.record("no read"); return }
        #expect(excluding == ["x-0"], "the two queued ones are no longer held: the read decides whose they are")
        scheduler.recorded([("x", "x-0")], now: t0)
        scheduler.fetched("x", .init(items: [], full: false, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: t0)
        #expect(!scheduler.holdsItems, "another replica took them: nothing is held here")
    }
}
