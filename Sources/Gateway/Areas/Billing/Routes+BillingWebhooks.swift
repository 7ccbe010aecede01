import Billing

extension Routes {
    /// The Billing events posted to operators' webhook endpoints, for the OpenAPI document's `webhooks`.
    public static let billingWebhooks: [OpenAPIWebhook] = [
        OpenAPIWebhook(event: BillingEvent.usageDaily, operation: OpenAPIOperation(
            id: "usageDailyWebhook", summary: "A usage day was rolled up and charged",
            description: "Sent once per operator, mode and usage day with at least one strategy-day, after the 18:30 IST roll-up.",
            tag: "Billing", requestBody: .event("UsageDailyEvent", type: BillingEvent.usageDaily, data: .usageDaily),
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried.")])),
        OpenAPIWebhook(event: BillingEvent.walletLowBalance, operation: OpenAPIOperation(
            id: "walletLowBalanceWebhook", summary: "A wallet's balance is low",
            description: """
                Sent once per crossing: when the runway drops under the threshold or the balance goes negative. It re-arms \
                when the wallet is no longer low (a top-up, pauses, a lower price or threshold).
                """,
            tag: "Billing", requestBody: .event("WalletLowBalanceEvent", type: BillingEvent.walletLowBalance, data: .walletLowBalance),
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried.")])),
    ]
}

extension OpenAPISchema {
    /// The envelope every webhook arrives in, with `data` typed for the event `type`.
    fileprivate static func event(_ name: String, type: String, data: OpenAPISchema) -> OpenAPISchema {
        .component(name, [
            "type": "object",
            "required": ["id", "object", "type", "timestamp", "api_version", "livemode", "data"],
            "properties": [
                "id": ["type": "string", "description": "`evt_…`; the same on every retry, so receivers deduplicate on it.",
                       "examples": ["evt_3kTMd92jLqY0pZxW81vBnA"]],
                "object": ["const": "event"],
                "type": ["const": .string(type)],
                "timestamp": ["type": "string", "format": "date-time", "description": "When the event occurred (RFC 3339, UTC, whole seconds)."],
                "api_version": ["type": "string", "enum": .array(APIVersion.supported.map { .string($0) })],
                "livemode": ["type": "boolean", "description": "false for events of test mode."],
                "test": ["const": true, "description": "Present only on a test delivery sent from the dashboard."],
                "data": data.reference,
            ],
        ], uses: [data])
    }
}
