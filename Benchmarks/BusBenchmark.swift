import Foundation
import Kernel
import Synchronization

/// The durable bus end to end: events appended one per transaction, consumed by three subscribers.
enum BusBenchmark {
    /// Saturating publishers, one event per transaction each: events/s until every subscriber has consumed
    /// everything.
    static func throughput(
        events: Int = 40_000, publishers: Int, subscribers: Int = 3, durability: Durability
    ) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let db = try scratch.open(durability)
        let before = db.statistics
        let (bus, probes) = await startBus(db, subscribers: subscribers, timing: false)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for p in 0..<publishers {
                group.addTask {
                    for i in stride(from: p, to: events, by: publishers) {
                        try await bus.publish(NewEvent(type: "bench.tick", tenant: "op_bench", mode: .test, payload: Tick(n: i, sentNanos: 0)))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await bus.drain()
        let seconds = (ContinuousClock.now - start).seconds
        await bus.stop()
        precondition(probes.allSatisfy { $0.count == events }, "a subscriber missed events")
        let after = db.statistics
        return ["events/s (\(subscribers) subscribers)": Double(events) / seconds,
                "writes per commit": Double(after.writes - before.writes) / Double(after.commits - before.commits)]
    }

    /// A steady 2,000 events/s (durability full): the time from commit to each subscriber's receipt, p50 and p99 in ms.
    static func latency(events: Int = 6_000, perSecond: Int = 2_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let db = try scratch.open()
        let (bus, probes) = await startBus(db, subscribers: 3, timing: true)
        let origin = ContinuousClock.now
        let interval = Duration.seconds(1) / perSecond
        for i in 0..<events {
            let due = origin + interval * i
            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            let sent = (ContinuousClock.now - origin)
            try await bus.publish(NewEvent(type: "bench.tick", tenant: "op_bench", mode: .test,
                                           payload: Tick(n: i, sentNanos: sent.nanoseconds)))
        }
        try await bus.drain()
        await bus.stop()
        let latencies = probes.flatMap { $0.latenciesMs(origin) }
        return ["p50 ms": Statistics.percentile(latencies, 50), "p99 ms": Statistics.percentile(latencies, 99)]
    }

    private static func startBus(_ db: Database, subscribers: Int, timing: Bool) async -> (EventBus, [Probe]) {
        let bus = EventBus(database: db)
        let probes = (0..<subscribers).map { Probe(name: "probe-\($0)", timing: timing) }
        for probe in probes { await bus.subscribe(probe) }
        await bus.start()
        return (bus, probes)
    }
}

struct Tick: Codable {
    let n: Int
    let sentNanos: Int64
}

/// A subscriber that notes when each event reached it.
final class Probe: EventHandler {
    let name: String
    /// Whether to decode each payload's send time (latency runs); throughput runs only count.
    let timing: Bool
    private let received = Mutex<[(sent: Int64, at: ContinuousClock.Instant)]>([])

    init(name: String, timing: Bool) {
        self.name = name
        self.timing = timing
    }

    var count: Int { received.withLock { $0.count } }

    func accepts(_ type: String) -> Bool { true }

    func didCommit(_ events: [Event]) async {
        let now = ContinuousClock.now
        let sent = events.map { timing ? (try? $0.decode(Tick.self).sentNanos) ?? 0 : 0 }
        received.withLock { list in for s in sent { list.append((s, now)) } }
    }

    func latenciesMs(_ origin: ContinuousClock.Instant) -> [Double] {
        received.withLock { list in list.map { Double(($0.at - origin).nanoseconds - $0.sent) / 1e6 } }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
