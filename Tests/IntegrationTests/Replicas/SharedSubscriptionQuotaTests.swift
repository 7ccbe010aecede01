import APITestSupport
import Kernel
import Testing
import TestSupport
import Webhooks

/// The webhook subscription quota with two replicas creating an operator's endpoints at once.
@Suite(.databases) struct SharedSubscriptionQuotaTests {
    @Test func endpointsCreatedOnTwoReplicasAtOnce_neverTakeMoreSubscriptionsThanTheQuota() async throws {
        let a = try await OperatorAPIFixture()
        let b = try await OperatorAPIFixture(replicaOf: a)
        let scope = TenantScope(operatorID: a.acme.operator.id, mode: .live)
        let events = ["user.created", "strategy.deployed", "strategy.paused"]
        let created = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                let webhooks = (i.isMultiple(of: 2) ? a : b).webhooks
                group.addTask {
                    (try? await webhooks.createEndpoint(scope, NewWebhookEndpoint(url: "https://hooks\(i).example.com/in", events: events))) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(created == 3, "3 endpoints × 3 events fit the standard tier's 10 subscriptions; a fourth would make 12")
    }
}
