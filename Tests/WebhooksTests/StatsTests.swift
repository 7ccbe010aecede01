import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Stats from counters kept as attempts finish: the same figures a count of the delivery log gives.
@Suite(.serialized, .databases) struct StatsTests {
    @Test func latencySketch_answersPercentilesWithin9Percent_andSurvivesItsText() {
        var generator = SeededGenerator(state: 7)
        var sketch = LatencySketch(), samples = [Int]()
        for _ in 0..<5_000 {
            let sample = Int.random(in: 1...20_000, using: &generator)
            samples.append(sample)
            sketch.add(milliseconds: sample)
        }
        samples.sort()
        for p in [50, 95, 99] {
            let exact = Double(samples[(p * samples.count + 99) / 100 - 1]), estimate = Double(sketch.percentile(p) ?? 0)
            #expect(abs(estimate - exact) / exact < 0.09, "p\(p): \(estimate) against \(exact)")
        }
        #expect(LatencySketch(text: sketch.text) == sketch)
        var merged = LatencySketch(text: sketch.text)
        merged.merge(sketch)
        #expect(merged.count == 10_000 && merged.percentile(50) == sketch.percentile(50))
        #expect(LatencySketch().percentile(50) == nil && LatencySketch(text: "").count == 0)
    }

    @Test func counters_matchACountOfTheDeliveryLog_perEventTypeAndDay_andPerEndpoint() async throws {
        let f = try await WebhooksFixture(), good = try Receiver.start(), flaky = try Receiver.start()
        // Every type but one on the first endpoint, so that the second fits the quota of 10.
        let first = try await f.endpoint(good, events: WebhookEventType.allCases.map(\.rawValue).filter { $0 != "api_key.expiring" })
        let second = try await f.endpoint(flaky, events: ["strategy.deployed"])
        flaky.script(.status(500), .status(500), .status(500), .status(500), .status(500), .status(200))
        for n in 0..<3 { try await f.strategy("deployed", "stg_\(n)") }
        try await f.publish("usage.daily")
        _ = try await f.webhooks.sendTest(f.scope, endpointID: first.id, type: "usage.daily")
        await f.advance(.seconds(86_400))
        for delay in [300, 1500] { await f.advance(.seconds(Int64(delay))) }
        try await f.strategy("deployed", "stg_9")

        let stats = try await f.webhooks.stats(f.scope, days: 7)
        let log = try await f.webhooks.listDeliveries(f.scope, DeliveryQuery(limit: 100)).data.filter { !$0.test }
        for type in WebhookEventType.allCases {
            let figures = try #require(stats.data.first { $0.eventType == type.rawValue })
            let mine = log.filter { $0.eventType == type.rawValue }
            func count(_ status: DeliveryStatus) -> Int { mine.filter { $0.status == status }.count }
            #expect(figures.delivered == count(.delivered) && figures.deliveredAfterRetry == count(.deliveredAfterRetry))
            #expect(figures.failed == count(.failed) && figures.retrying == count(.retrying) && figures.pending == count(.pending))
            let today = IST.day(of: f.clock.now()).description, yesterday = IST.day(of: f.clock.now() - .seconds(86_400)).description
            for day in [yesterday, today] {
                let finished = mine.filter { $0.completedAt.map { IST.day(of: $0).description } == day }
                let figuresOfDay = try #require(figures.daily.first { $0.date == day })
                #expect(figuresOfDay.delivered == finished.filter(\.status.isDelivered).count)
                #expect(figuresOfDay.failed == finished.filter { $0.status == .failed }.count)
            }
        }
        let deployed = try #require(stats.data.first { $0.eventType == "strategy.deployed" })
        #expect(deployed.latencyP50Ms != nil && deployed.latencyP95Ms != nil && deployed.failed + deployed.delivered + deployed.deliveredAfterRetry == 8)
        let justFlaky = try await f.webhooks.stats(f.scope, days: 7, endpointID: second.id)
        #expect(justFlaky.data.first { $0.eventType == "strategy.deployed" }.map { $0.failed + $0.delivered + $0.deliveredAfterRetry } == 4)
        #expect(justFlaky.data.first { $0.eventType == "usage.daily" }?.delivered == 0)
        await #expect(throws: DomainError.self) {
            _ = try await f.webhooks.stats(TenantScope(operatorID: "op_other", mode: .test), endpointID: second.id)
        }
        await f.stop(); await good.stop(); await flaky.stop()
    }
}
