import Billing

extension Routes {
    /// The Billing events posted to operators' webhook endpoints, for the OpenAPI document's `webhooks`.
    public static let billingWebhooks: [OpenAPIWebhook] = [
        OpenAPIWebhook(event: BillingEvent.usageDaily, operation: OpenAPIOperation(
            id: "usageDailyWebhook", summary: "A usage day was rolled up and charged",
            description: "Sent once per operator, mode and usage day with at least one strategy-day, after the 18:30 IST roll-up.",
            tag: "Billing", requestBody: .eventEnvelope(BillingEvent.usageDaily, named: "UsageDailyEvent", data: .usageDaily),
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried.")])),
        OpenAPIWebhook(event: BillingEvent.walletLowBalance, operation: OpenAPIOperation(
            id: "walletLowBalanceWebhook", summary: "A wallet's balance is low",
            description: """
                Sent once per crossing: when the runway drops under the threshold or the balance goes negative. It re-arms \
                when the wallet is no longer low (a top-up, pauses, a lower price or threshold).
                """,
            tag: "Billing", requestBody: .eventEnvelope(BillingEvent.walletLowBalance, named: "WalletLowBalanceEvent", data: .walletLowBalance),
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried.")])),
    ]
}
