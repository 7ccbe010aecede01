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
        let db = try scratch.open()
        try await db.migrate(StrategiesSchema.migrations)
        let strategies = Strategies(database: db)
        let bus = EventBus(database: db)
        await bus.subscribe(strategies.eventHandler)
        await bus.start()
        let scope = TenantScope(operatorID: "op_bench", mode: .live)
        try await db.write { tx in
            for _ in 0..<clients {
                try tx.publish(NewEvent(type: "user.created", tenant: scope.operatorID, mode: scope.mode,
                                        payload: UserCreated(user: .init(id: Identifier.make("usr"), planID: "plan_bench"))))
            }
        }
        try await bus.drain()

        let start = ContinuousClock.now
        let push = try await strategies.push(scope, target: .plan("plan_bench"), template: .markdown(template))
        let queued = ContinuousClock.now
        try await strategies.runPendingPushes()
        let seconds = (ContinuousClock.now - start).seconds
        let finished = try await strategies.getPush(scope, push.id ?? "")
        precondition(finished.status == .completed && finished.done == clients, "the push did not reach every client")
        await bus.stop()
        return ["recipients/s": Double(clients) / seconds, "push call ms": (queued - start).seconds * 1000]
    }
}

/// The part of Accounts' `user.created` payload that Strategies reads.
private struct UserCreated: Encodable {
    struct User: Encodable {
        let id: String
        let planID: String
        var status = "active"

        enum CodingKeys: String, CodingKey { case id, status, planID = "plan_id" }
    }

    let user: User
}
