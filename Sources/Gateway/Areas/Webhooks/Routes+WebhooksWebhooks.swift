import HTTPAPI
import Webhooks

extension Routes {
    /// The Webhooks events operators receive, for the OpenAPI document's `webhooks`.
    public static let webhooksWebhooks: [OpenAPIWebhook] = [
        .event(WebhookEventType.webhookEndpointDisabled.rawValue, named: "WebhookEndpointDisabledEvent",
               summary: "The platform disabled one of your webhook endpoints",
               description: """
                   Sent when an endpoint answered 410 Gone (`gone`) or every attempt to it failed for 5 days in a row (`failing`); \
                   never to the disabled endpoint itself. The operator is also told in the inbox and by WhatsApp. \
                   `POST /v1/wl/webhook-endpoints/{id}/enable` turns it back on.
                   """,
               tag: "Webhooks", data: .webhookEndpointDisabled),
    ]
}
