import Kernel
import TestSupport
import Testing
@testable import Webhooks

/// The fair scheduler as a value: events in, actions out, time passed in.
@Suite struct DispatchSchedulerTests {
    struct Job: Identifiable, Sendable, Equatable {
        let id: String
    }

    typealias Scheduler = DispatchScheduler<Job>

    let t0 = Timestamp(seconds: 1_000_000)
    let acme = TenantScope(operatorID: "op_acme", mode: .live)
    let beta = TenantScope(operatorID: "op_beta", mode: .live)

    static func limits(total: Int = 100, perTenant: Int = 100, perEndpoint: Int = 100, prefetch: Int = 10) -> Scheduler.Limits {
        .init(total: total, perTenant: perTenant, perEndpoint: perEndpoint, prefetch: prefetch, awaitingRecord: 1000)
    }

    static func jobs(_ endpoint: String, _ count: Int, from first: Int = 0) -> [Job] {
        (first..<first + count).map { Job(id: "\(endpoint)-\($0)") }
    }

    /// Touches each endpoint, answers each fetch with `count` jobs (and the persisted circuit given), and returns the
    /// scheduler ready to attempt.
    func loaded(_ limits: Scheduler.Limits, _ endpoints: [(String, TenantScope)], jobs count: Int = 10,
                circuits: [String: Timestamp] = [:]) -> Scheduler {
        var scheduler = Scheduler(limits: limits, breaker: CircuitBreaker())
        for (endpoint, tenant) in endpoints { scheduler.touch(endpoint, tenant: tenant, now: t0) }
        for case .fetch(let endpoint, let limit, _) in scheduler.nextActions(now: t0) {
            scheduler.fetched(endpoint, .init(items: Self.jobs(endpoint, min(count, limit)), full: false, nextDue: nil,
                                              failures: circuits[endpoint] == nil ? 0 : 5, circuitOpenUntil: circuits[endpoint]), now: t0)
        }
        return scheduler
    }

    static func attempts(_ actions: [Scheduler.Action]) -> [String] {
        actions.compactMap { if case .attempt(let endpoint, _) = $0 { endpoint } else { nil } }
    }

    @Test func tenantsTakeTurns_andWithinATenantItsEndpointsDo() {
        var scheduler = loaded(Self.limits(total: 6), [("a1", acme), ("a2", acme), ("a3", acme), ("b1", beta)])
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["a1", "b1", "a2", "b1", "a3", "b1"],
                "three endpoints of one tenant get no more turns than the other tenant's one")
    }

    @Test func anOpenCircuit_setsTheEndpointAside_takingNoSlot_untilItsProbe() {
        let retry = t0 + .seconds(60)
        var scheduler = loaded(Self.limits(total: 2, perEndpoint: 1), [("down", acme), ("up", beta)], circuits: ["down": retry])
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["up"], "the open endpoint leaves the second slot free")
        #expect(scheduler.nextWake == retry)
        #expect(Self.attempts(scheduler.nextActions(now: retry)) == ["down"], "one probe at its retry time")
        #expect(Self.attempts(scheduler.nextActions(now: retry)) == [], "and only one")
    }

    @Test func anEndpointAtItsCap_waits_whileTheOthersGo() {
        var scheduler = loaded(Self.limits(perEndpoint: 2), [("slow", acme), ("fast", acme)])
        let first = Self.attempts(scheduler.nextActions(now: t0))
        #expect(first.filter { $0 == "slow" }.count == 2 && first.filter { $0 == "fast" }.count == 2)
        _ = scheduler.attemptEnded("fast", id: "fast-0", .delivered, now: t0)
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["fast"], "the freed slot goes to the endpoint that freed it")
    }

    @Test func aTenantAtItsCap_takesNoTurn() {
        var scheduler = loaded(Self.limits(perTenant: 3, perEndpoint: 2), [("a1", acme), ("a2", acme), ("a3", acme), ("b1", beta)])
        let first = Self.attempts(scheduler.nextActions(now: t0))
        #expect(first.filter { $0.hasPrefix("a") }.count == 3 && first.filter { $0 == "b1" }.count == 2)
    }

    @Test func retryAfter_holdsBackTheWholeEndpoint_untilThen() {
        var scheduler = loaded(Self.limits(perEndpoint: 1), [("busy", acme)])
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["busy"])
        let until = t0 + .seconds(30)
        _ = scheduler.attemptEnded("busy", id: "busy-0", .failed(retryAt: until, pauseUntil: until), now: t0)
        #expect(Self.attempts(scheduler.nextActions(now: t0 + .seconds(29))) == [])
        #expect(Self.attempts(scheduler.nextActions(now: until)) == ["busy"])
    }

    @Test func consecutiveFailures_openTheCircuit_andTheChangeIsReported() {
        var scheduler = loaded(Self.limits(), [("flaky", acme)])
        let sent = scheduler.nextActions(now: t0).compactMap { if case .attempt(_, let job) = $0 { job.id } else { nil } }
        let changes = sent.prefix(5).compactMap { scheduler.attemptEnded("flaky", id: $0, .failed(retryAt: nil, pauseUntil: nil), now: t0) }
        #expect(changes == [.init(endpoint: "flaky", openUntil: t0 + .seconds(60))])
        #expect(scheduler.attemptEnded("flaky", id: sent[5], .delivered, now: t0) == .init(endpoint: "flaky", openUntil: nil))
    }

    @Test func memoryHoldsAtMostThePrefetch_andReadsAheadAsItDrains() {
        var scheduler = Scheduler(limits: Self.limits(total: 3, prefetch: 8), breaker: CircuitBreaker())
        scheduler.touch("big", tenant: acme, now: t0)
        guard case .fetch(_, let limit, _) = try! #require(scheduler.nextActions(now: t0).first) else { Issue.record("no fetch"); return }
        #expect(limit == 8)
        scheduler.fetched("big", .init(items: Self.jobs("big", 8), full: true, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: t0)
        #expect(Self.attempts(scheduler.nextActions(now: t0)).count == 3)
        for n in 0..<3 { _ = scheduler.attemptEnded("big", id: "big-\(n)", .delivered, now: t0) }
        let actions = scheduler.nextActions(now: t0)
        #expect(Self.attempts(actions).count == 3)
        let fetch = actions.compactMap { if case .fetch(_, let limit, let excluding) = $0 { (limit, excluding) } else { nil } }.first
        #expect(fetch?.0 == 8 - 3, "below half the batch left, a read tops it back up to the prefetch")
        #expect(fetch?.1 == Set((0..<8).map { "big-\($0)" }), "everything in memory or awaiting its record is left out of the read")
    }

    @Test func aDeliveryRecordedWhileAReadWasUnderWay_isNotSentAgain() {
        var scheduler = loaded(Self.limits(total: 1), [("x", acme)], jobs: 1)
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["x"])
        _ = scheduler.attemptEnded("x", id: "x-0", .failed(retryAt: t0 + .seconds(60), pauseUntil: nil), now: t0)
        scheduler.touch("x", tenant: acme, now: t0)
        guard case .fetch(_, _, let excluding) = try! #require(scheduler.nextActions(now: t0).first) else { Issue.record("no fetch"); return }
        #expect(excluding == ["x-0"])
        scheduler.recorded([("x", "x-0")], now: t0)
        // The read's snapshot predates the record: it still shows x-0 as due.
        scheduler.fetched("x", .init(items: [Job(id: "x-0"), Job(id: "x-1")], full: false, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: t0)
        let sent = scheduler.nextActions(now: t0).compactMap { if case .attempt(_, let job) = $0 { job.id } else { nil } }
        #expect(sent == ["x-1"])
    }

    @Test func aNewURLOrSecret_dropsWhatWasReadWithTheOldOnes_evenFromAReadUnderWay() {
        var scheduler = loaded(Self.limits(perEndpoint: 1), [("moved", acme)], jobs: 3)
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["moved"])
        scheduler.refresh("moved", tenant: acme, now: t0)
        _ = scheduler.attemptEnded("moved", id: "moved-0", .delivered, now: t0)
        guard case .fetch(_, _, let excluding) = try! #require(scheduler.nextActions(now: t0).first) else { Issue.record("no read"); return }
        #expect(excluding == ["moved-0"], "the two left in memory were dropped")
        scheduler.refresh("moved", tenant: acme, now: t0)
        scheduler.fetched("moved", .init(items: Self.jobs("moved", 2, from: 1), full: false, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: t0)
        let actions = scheduler.nextActions(now: t0)
        #expect(Self.attempts(actions).isEmpty, "the read that overlapped the change is not used")
        guard case .fetch? = actions.first else { Issue.record("expected a fresh read, got \(actions)"); return }
    }

    @Test func aRetryDueBeforeItsRecordCommits_isReadAgainOnceTheRecordHasCommitted() {
        var scheduler = loaded(Self.limits(perEndpoint: 1), [("slow-disk", acme)], jobs: 1)
        #expect(Self.attempts(scheduler.nextActions(now: t0)) == ["slow-disk"])
        let retry = t0 + .seconds(1)
        _ = scheduler.attemptEnded("slow-disk", id: "slow-disk-0", .failed(retryAt: retry, pauseUntil: nil), now: t0)
        guard case .fetch(_, _, let excluding)? = scheduler.nextActions(now: retry).first else { Issue.record("no read at the retry time"); return }
        #expect(excluding == ["slow-disk-0"], "its record is not committed yet, so the read leaves it out")
        scheduler.fetched("slow-disk", .init(items: [], full: false, nextDue: nil, failures: 1, circuitOpenUntil: nil), now: retry)
        scheduler.recorded([("slow-disk", "slow-disk-0")], now: retry)
        guard case .fetch(_, _, let excludingNow)? = scheduler.nextActions(now: retry).first else {
            Issue.record("the retry was forgotten"); return
        }
        #expect(excludingNow.isEmpty)
    }

    @Test func whenNothingIsDue_itSleepsUntilTheNextRetry_thenReadsAgain() {
        var scheduler = Scheduler(limits: Self.limits(), breaker: CircuitBreaker())
        scheduler.touch("later", tenant: acme, now: t0)
        _ = scheduler.nextActions(now: t0)
        scheduler.fetched("later", .init(items: [], full: false, nextDue: t0 + .seconds(300), failures: 0, circuitOpenUntil: nil), now: t0)
        #expect(scheduler.isQuiet && scheduler.nextWake == t0 + .seconds(300))
        let actions = scheduler.nextActions(now: t0 + .seconds(300))
        guard case .fetch("later", _, _)? = actions.first else { Issue.record("expected a read, got \(actions)"); return }
    }
}

/// The scheduler against a simulated store, reads, sends and records finishing in a random order, some attempts
/// failing and due again at once: every due delivery is delivered exactly once and never attempted twice at a time,
/// whatever the interleaving.
@Suite struct DispatchSchedulerSimulationTests {
    typealias Job = DispatchSchedulerTests.Job
    typealias Scheduler = DispatchScheduler<Job>

    /// What is in flight outside the scheduler: reads (with the snapshot they saw), sends, records on their way to
    /// storage, and records committed that the scheduler has not heard of yet.
    enum Pending {
        case read(endpoint: String, rows: [Job], full: Bool)
        case send(endpoint: String, id: String)
        case record(endpoint: String, id: String, delivered: Bool)
        case committed(endpoint: String, id: String)
    }

    @Test(arguments: 1...40)
    func everyDueDelivery_isDeliveredOnce_andNeverAttemptedTwiceAtATime_inAnyInterleaving(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let now = Timestamp(seconds: 1_000_000), tenant = TenantScope(operatorID: "op_sim", mode: .live)
        let endpoints = ["a", "b", "c"]
        var due = Dictionary(uniqueKeysWithValues: endpoints.map { e in (e, (0..<Int.random(in: 1...120, using: &random)).map { "\(e)-\($0)" }) })
        let total = due.values.map(\.count).reduce(0, +)
        var scheduler = Scheduler(limits: .init(total: Int.random(in: 1...12, using: &random), perTenant: 100, perEndpoint: Int.random(in: 1...8, using: &random),
                                                prefetch: Int.random(in: 2...16, using: &random), awaitingRecord: Int.random(in: 1...20, using: &random)),
                                  breaker: CircuitBreaker(threshold: 1_000))
        for endpoint in endpoints { scheduler.touch(endpoint, tenant: tenant, now: now) }
        var pending = [Pending](), delivered = [String: Int](), failures = [String: Int](), open = Set<String>(), overlaps = Set<String>()
        for _ in 0..<100_000 {
            for action in scheduler.nextActions(now: now) {
                switch action {
                case .fetch(let endpoint, let limit, let excluding):
                    let wanted = limit + excluding.count, rows = Array(due[endpoint]!.prefix(wanted))
                    pending.append(.read(endpoint: endpoint, rows: rows.filter { !excluding.contains($0) }.map(Job.init), full: rows.count == wanted))
                case .attempt(let endpoint, let job):
                    if !open.insert(job.id).inserted { overlaps.insert(job.id) }
                    pending.append(.send(endpoint: endpoint, id: job.id))
                }
            }
            if pending.isEmpty { break }
            switch pending.remove(at: Int.random(in: 0..<pending.count, using: &random)) {
            case .read(let endpoint, let rows, let full):
                scheduler.fetched(endpoint, .init(items: rows, full: full, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: now)
            case .send(let endpoint, let id):
                // A quarter of the first two attempts fail, due again at once (a short retry on a slow disk).
                let fails = failures[id, default: 0] < 2 && Int.random(in: 0..<4, using: &random) == 0
                if fails { failures[id, default: 0] += 1 }
                _ = scheduler.attemptEnded(endpoint, id: id, fails ? .failed(retryAt: now, pauseUntil: nil) : .delivered, now: now)
                pending.append(.record(endpoint: endpoint, id: id, delivered: !fails))
            case .record(let endpoint, let id, let wasDelivered):
                if wasDelivered {
                    due[endpoint]!.removeAll { $0 == id }
                    delivered[id, default: 0] += 1
                }
                pending.append(.committed(endpoint: endpoint, id: id))
            case .committed(let endpoint, let id):
                open.remove(id)
                scheduler.recorded([(endpoint, id)], now: now)
            }
        }
        #expect(delivered.count == total && delivered.values.allSatisfy { $0 == 1 },
                "\(delivered.count) of \(total) delivered; twice: \(delivered.filter { $0.value > 1 }.keys.sorted())")
        #expect(overlaps.isEmpty, "attempted again before the last attempt's record: \(overlaps.sorted())")
        #expect(scheduler.isQuiet)
    }
}
