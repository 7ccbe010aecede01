extension OpenAPIWebhook {
    /// An event posted to operators: the standard envelope (`Event`) with `data` described by `data`, signed per
    /// Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature` headers).
    public static func event(_ type: String, summary: String, data: OpenAPISchema) -> OpenAPIWebhook {
        let body = OpenAPISchema.inline(["allOf": [OpenAPISchema.event.reference, JSONSchema.object(["data": data.reference], required: ["data"])]],
                                        uses: [.event, data])
        return OpenAPIWebhook(event: type, operation: OpenAPIOperation(
            id: "webhook" + type.split { $0 == "." || $0 == "_" }.map { $0.capitalized }.joined(), summary: summary,
            description: "Verify `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` under the endpoint secret) and dedupe on `webhook-id`. Answer any 2xx within 10 s.",
            tag: "Webhook events", requestBody: body,
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried (1, 5, 25 min).")]))
    }
}
