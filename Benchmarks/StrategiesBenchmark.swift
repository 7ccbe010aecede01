import Assembly
import Foundation
import Kernel
import Strategies

/// Pushing a template to a 10,000-client plan with the default batch size: recipients processed per second, from
/// the `push` call until the last batch commits (each recipient gets a new draft strategy), and how long the `push`
/// call itself takes (storing the template, the push and its recipient list).
enum StrategiesBenchmark {
    static let template = """
        ---
        name: Nifty momentum
        instruments: [NIFTY, BANKNIFTY]
        max_open_positions: 3
        parameters:
          fast_period: 9
        ---
        Buys when the fast average crosses above the slow one.
        """

    static func push(clients: Int = 10_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let services = try await Services.open(at: .sqlite(path: scratch.path), Services.Configuration(), clock: SystemClock(), logger: .discard)
        await services.bus.start()
        let (_, scope, plan) = try await services.operatorWithClients(clients, slug: "bench")

        let start = ContinuousClock.now
        let push = try await services.strategies.push(scope, target: .plan(plan), template: .markdown(template))
        let queued = ContinuousClock.now
        try await services.strategies.runPendingPushes()
        let seconds = (ContinuousClock.now - start).seconds
        let finished = try await services.strategies.getPush(scope, push.id ?? "")
        precondition(finished.status == .completed && finished.done == clients, "the push did not reach every client")
        await services.bus.stop()
        return ["recipients/s": Double(clients) / seconds, "push call ms": (queued - start).seconds * 1000]
    }
}
