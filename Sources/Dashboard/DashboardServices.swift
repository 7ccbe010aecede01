import Accounts
import Billing
import HTTPAPI
import Kernel
import RateLimit
import Webhooks

/// The domain actors the dashboard reads and changes, always through the signed-in member's scope.
struct DashboardServices: Sendable {
    let accounts: Accounts
    let webhooks: Webhooks
    let rateLimit: RateLimit
    let billing: Billing
    /// The sandboxes' test clocks (TEST MODE's clock and its advance control).
    let testClocks: TestClocks
    /// The API's throttle of failed authentications, which the sign-in and the password re-check share.
    let throttle: AuthenticationThrottle
}

extension DashboardServices {
    /// The receiver the dashboard manages: the mode's oldest webhook endpoint (others made through the API are
    /// left alone, though their subscriptions count against the quota).
    func receiver(_ scope: TenantScope) async throws -> WebhookEndpoint? {
        try await webhooks.listEndpoints(scope).data.last
    }
}
