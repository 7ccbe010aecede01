import Accounts
import Billing
import HTTPAPI
import Kernel
import RateLimit
import Webhooks

/// Everything one dashboard page shows, read from the actors in the member's operator and selected mode.
struct DashboardSnapshot {
    let session: DashboardSession
    let operatorName: String
    /// Both modes' current and retiring keys (keys are the operator's, not the mode's data).
    let keys: [APIKeyInfo]
    /// The receiver the dashboard manages: the mode's oldest endpoint.
    let endpoint: WebhookEndpoint?
    /// The receiver's recoveries, newest first.
    let recoveries: [WebhookRecovery]
    let subscriptions: (active: Int, limit: Int)
    let stats: WebhookStats
    let deliveries: [WebhookDelivery]
    /// The delivery open in the inspector.
    let inspected: WebhookDelivery?
    let tier: String
    let quotas: [PolicyState]
    /// Nil until Billing has opened the operator's wallet.
    let wallet: Wallet?
    let inbox: InboxPage?
    /// Real ids for the curl examples.
    let sampleUserID: String?
    let samplePlanID: String?
    /// `https://host` the API is reached at, from the request.
    let baseURL: String
    /// The sandbox's clock, in test mode; nil in live mode.
    let testClock: TestClock?

    static func load(_ services: DashboardServices, _ session: DashboardSession, inspecting deliveryID: String?, baseURL: String) async throws
        -> DashboardSnapshot
    {
        let scope = session.scope
        async let op = services.accounts.getOperator(scope.operatorID)
        async let keys = services.accounts.listKeys(operatorID: scope.operatorID)
        async let endpoint = services.receiver(scope)
        async let subscriptions = services.webhooks.subscriptionUsage(scope)
        async let stats = services.webhooks.stats(scope, days: 7)
        async let deliveries = services.webhooks.listDeliveries(scope, DeliveryQuery(limit: 50))
        async let users = services.accounts.listUsers(scope, UserQuery(limit: 1))
        async let plans = services.accounts.listPlans(scope)
        var recoveries = [WebhookRecovery]()
        if let receiver = try await endpoint { recoveries = try await services.webhooks.listRecoveries(scope, endpointID: receiver.id) }
        var inspected: WebhookDelivery?
        if let deliveryID { inspected = try? await services.webhooks.getDelivery(scope, deliveryID) }
        let wallet = try? await services.billing.wallet(scope)
        let inbox = try? await services.billing.inbox(scope, limit: 10)
        let limits = services.rateLimit.limits(for: scope.operatorID)
        let testClock = scope.mode == .test ? try await services.testClocks.clock(scope) : nil
        return DashboardSnapshot(
            session: session, operatorName: try await op.name, keys: try await keys, endpoint: try await endpoint, recoveries: recoveries,
            subscriptions: try await subscriptions, stats: try await stats, deliveries: try await deliveries.data, inspected: inspected,
            tier: limits.tier, quotas: try await services.rateLimit.usage(scope), wallet: wallet, inbox: inbox,
            sampleUserID: try await users.data.first?.id, samplePlanID: try await plans.first?.id, baseURL: baseURL,
            testClock: testClock)
    }

    /// Whether `event` is delivered to the receiver now.
    func isSubscribed(_ event: WebhookEventType) -> Bool {
        endpoint.map { $0.enabled && $0.events.contains(event.rawValue) } ?? false
    }
}
