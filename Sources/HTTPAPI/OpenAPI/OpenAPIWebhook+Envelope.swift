extension OpenAPISchema {
    /// The envelope every webhook (and every item of the events API) arrives in, with `data` typed for `type`.
    public static func eventEnvelope(_ type: String, named name: String, data: OpenAPISchema) -> OpenAPISchema {
        .component(name, [
            "type": "object",
            "required": ["id", "object", "type", "sequence", "timestamp", "api_version", "livemode", "data"],
            "properties": [
                "id": ["type": "string", "description": "`evt_…`; the same on every retry, so receivers deduplicate on it.",
                       "examples": ["evt_3kTMd92jLqY0pZxW81vBnA"]],
                "object": JSONSchema.constant("event"),
                "type": JSONSchema.constant(type),
                "sequence": ["type": "integer", "minimum": 0, "description": """
                    The event's position among this operator's events in this mode: strictly increasing in commit order \
                    and the same on every retry, replay and recovery, so receivers can order and dedupe. 0 on test sends.
                    """],
                "timestamp": ["type": "string", "format": "date-time", "description": "When the event occurred (RFC 3339, UTC, whole seconds)."],
                "api_version": ["type": "string", "enum": .array(APIVersion.supported.map { .string($0) })],
                "livemode": ["type": "boolean", "description": "false for events of test mode."],
                "test": JSONSchema.alwaysTrue("Present (and true) only on a test delivery an operator asked for."),
                "check": ["type": "string", "enum": ["valid", "tampered_signature", "stale_timestamp"],
                          "description": "Present only on a receiver check-up's requests: which check this is (the repeat is the valid one again)."],
                "data": data.reference,
            ],
        ], uses: [data])
    }
}

extension OpenAPIWebhook {
    /// An event posted to operators' endpoints, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
    /// `webhook-signature` headers).
    /// - Parameter description: when the event is sent, ahead of the common receiving instructions.
    public static func event(
        _ type: String, named name: String, summary: String, description: String? = nil, tag: String, data: OpenAPISchema
    ) -> OpenAPIWebhook {
        let receiving = "Verify `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` under the endpoint secret) and dedupe on `webhook-id`. Answer any 2xx within 10 s."
        return OpenAPIWebhook(event: type, operation: OpenAPIOperation(
            id: "webhook" + type.split { $0 == "." || $0 == "_" }.map { $0.capitalized }.joined(), summary: summary,
            description: description.map { $0 + " " + receiving } ?? receiving,
            tag: tag, requestBody: .eventEnvelope(type, named: name, data: data),
            responses: [200: .empty("Any 2xx acknowledges the event; anything else is retried (1, 5, 25 min).")]))
    }
}
