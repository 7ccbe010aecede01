@testable import Strategies
import Kernel
import Testing
import TestSupport

/// A push survives the process dying part-way: its recipient list and progress are in the database, and each batch
/// commits atomically, so a new process on the same file finishes it and reaches every client exactly once.
@Suite(.databases) struct PushResumeTests {
    @Test func aPushInterruptedAfterThreeBatches_resumesAfterARestart_reachingEachClientOnce() async throws {
        let first = try await StrategiesFixture(batchSize: 150)
        _ = try await first.addClients(2_000, first.live)
        let push = try await first.strategies.push(first.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("Gold"))
        #expect(try await first.strategies.runPendingPushes(maxBatches: 3) == 3)
        let halfway = try await first.strategies.getPush(first.live, try #require(push.id))
        #expect(halfway.status == .running && halfway.done == 450)
        await first.stop()

        let restarted = try await StrategiesFixture(batchSize: 150, reopening: first.storage, clock: first.clock)
        #expect(try await restarted.strategies.runPendingPushes() == 11)
        let finished = try await restarted.strategies.getPush(restarted.live, try #require(push.id))
        #expect(finished.status == .completed && finished.done == 2_000)
        #expect(try await restarted.count("strategies") == 2_000)
        #expect(try await restarted.distinctClientsWithStrategies() == 2_000)
    }

    @Test func aWorkerStoppedAtAnyPoint_isFinishedByTheNextProcesssWorker_withoutDuplicates() async throws {
        let first = try await StrategiesFixture(batchSize: 100)
        _ = try await first.addClients(2_000, first.live)
        await first.strategies.startPushWorker()
        let push = try await first.strategies.push(first.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("Gold"))
        for _ in 0..<20 { await Task.yield() }
        await first.stop()

        let restarted = try await StrategiesFixture(batchSize: 100, reopening: first.storage, clock: first.clock)
        await restarted.strategies.startPushWorker()
        let finished = try await restarted.waitUntilCompleted(push)
        #expect(finished.status == .completed && finished.done == 2_000)
        #expect(try await restarted.count("strategies") == 2_000)
        #expect(try await restarted.distinctClientsWithStrategies() == 2_000)
        await restarted.stop()
    }
}
