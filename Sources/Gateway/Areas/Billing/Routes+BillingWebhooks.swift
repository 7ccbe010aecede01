import Billing
import HTTPAPI

extension Routes {
    /// The Billing events posted to operators' webhook endpoints, for the OpenAPI document's `webhooks`.
    public static let billingWebhooks: [OpenAPIWebhook] = [
        .event(BillingEvent.usageDaily, named: "UsageDailyEvent", summary: "A usage day was rolled up and charged",
               description: "Sent once per operator, mode and usage day with at least one strategy-day, after the 18:30 IST roll-up.",
               tag: "Billing", data: .usageDaily),
        .event(BillingEvent.walletLowBalance, named: "WalletLowBalanceEvent", summary: "A wallet's balance is low",
               description: """
                   Sent once per crossing: when the runway drops under the threshold or the balance goes negative. It re-arms \
                   when the wallet is no longer low (a top-up, pauses, a lower price or threshold).
                   """,
               tag: "Billing", data: .walletLowBalance),
    ]
}
