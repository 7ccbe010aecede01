import Billing
import HTTPAPI

extension Routes {
    /// The Billing events posted to operators' webhook endpoints, for the OpenAPI document's `webhooks`.
    public static let billingWebhooks: [OpenAPIWebhook] = [
        .event(BillingEvent.usageDaily, named: "UsageDailyEvent", summary: "A usage day was rolled up and charged",
               description: """
                   Sent once per operator, mode and usage day, after the 18:30 IST roll-up: every day, with zeros \
                   (`strategy_days: 0`, empty breakdowns) on a day with no live strategy, so a missing day means a lost event.
                   """,
               tag: "Billing", data: .usageDaily),
        .event(BillingEvent.walletLowBalance, named: "WalletLowBalanceEvent", summary: "A wallet's balance is low",
               description: """
                   Sent once per crossing: when the runway drops under the threshold or the balance goes negative. It re-arms \
                   only when the runway is back at or over the threshold (a top-up, fewer live strategies, a lower price or \
                   threshold); pausing every strategy leaves no runway to compare, so it neither alerts nor re-arms.
                   """,
               tag: "Billing", data: .walletLowBalance),
    ]
}
