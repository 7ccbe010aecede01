import HTTPAPI
import Webhooks

/// The schemas of webhook endpoints, deliveries, stats and events.
extension OpenAPISchema {
    static let eventType = OpenAPISchema.component("EventType", JSONSchema.oneOf(WebhookEventType.allCases.map(\.rawValue)))

    static let webhookEndpoint = OpenAPISchema.component("WebhookEndpoint", JSONSchema.object([
        "object": JSONSchema.constant("webhook_endpoint"), "id": JSONSchema.string, "url": JSONSchema.string,
        "description": JSONSchema.nullableString, "events": ["type": "array", "items": eventType.reference], "enabled": JSONSchema.boolean,
        "state": ["type": "string", "enum": .array(EndpointState.allCases.map { .string($0.rawValue) }), "description": """
            `enabled`; `circuit_open`: consecutive failures opened its circuit, its deliveries wait (nothing is dropped) until \
            `retry_at`, when one attempt probes it; `disabled`: nothing is sent (see `disabled_reason`).
            """],
        "retry_at": ["type": "string", "format": "date-time", "description": "While `circuit_open`: when the next probe may go."],
        "disabled_reason": disabledReason.reference,
        "livemode": JSONSchema.boolean,
        "secret": ["type": "string", "description": "`whsec_…`: in full on create and rotate, masked (`whsec_…abcd`) elsewhere."],
        "secret_id": ["type": "string", "description": "`whsk_…`: the current secret's public name, as the inspector names the secret that signed an attempt."],
        "created_at": JSONSchema.dateTime, "updated_at": JSONSchema.dateTime,
    ], required: ["object", "id", "url", "events", "enabled", "state", "livemode", "secret", "secret_id", "created_at", "updated_at"]),
    uses: [eventType, disabledReason])

    /// Named, so that SDK generators do not derive the same enum name for it and for `WebhookEndpointDisabled.reason`.
    static let disabledReason = OpenAPISchema.component("WebhookEndpointDisabledReason", [
        "type": "string", "enum": .array(DisabledReason.allCases.map { .string($0.rawValue) }), "description": """
            While `disabled`: `operator` (turned off), `gone` (it answered 410), `failing` (every attempt failed for 5 days in a row).
            """,
    ])

    /// Why the platform disabled an endpoint (an operator's own switch publishes nothing).
    static let platformDisabledReason = OpenAPISchema.component("WebhookEndpointPlatformDisabledReason", [
        "type": "string", "enum": [.string(DisabledReason.gone.rawValue), .string(DisabledReason.failing.rawValue)],
        "description": "`gone` (it answered 410) or `failing` (every attempt failed for 5 days in a row).",
    ])

    /// An absolute http(s) URL; https:// in live mode, private addresses refused unless the server allows them.
    static let webhookURL: JSONValue = [
        "type": "string", "maxLength": 2048, "pattern": JSONSchema.wholeString("https?://[a-z0-9]+(\\.[a-z0-9]+)*(:[0-9]{2,5})?(/[A-Za-z0-9._~-]*)*"),
        "description": """
            https:// in live mode. Refused: hosts that resolve to private or reserved addresses, single-label hosts and special-use names \
            (.localhost, .local, .internal, .home.arpa…), ports below 1024 other than 80 and 443, IPv6 zone ids.
            """,
    ]

    static let webhookEndpointCreate = OpenAPISchema.component("WebhookEndpointCreate", JSONSchema.object([
        "url": webhookURL,
        "events": ["type": "array", "minItems": 1, "items": eventType.reference], "description": JSONSchema.string(length: 0...500),
        "enabled": JSONSchema.boolean,
    ], required: ["url", "events"], closed: true), uses: [eventType])

    static let webhookEndpointUpdate = OpenAPISchema.component("WebhookEndpointUpdate", JSONSchema.object([
        "url": webhookURL, "events": ["type": "array", "minItems": 1, "items": eventType.reference],
        "description": JSONSchema.string(length: 0...500), "enabled": JSONSchema.boolean,
    ], closed: true), uses: [eventType])

    static let deletedObject = OpenAPISchema.component("DeletedObject", JSONSchema.object([
        "id": JSONSchema.string, "object": JSONSchema.string, "deleted": JSONSchema.alwaysTrue("Always true."),
    ], required: ["id", "object", "deleted"]))

    static let rotateSecretRequest = OpenAPISchema.component("RotateSecretRequest", JSONSchema.object([
        "expire_old_in_seconds": ["type": "integer", "minimum": 0, "maximum": 604_800,
                                  "description": "How long deliveries also carry a signature with the old secret."],
    ], required: ["expire_old_in_seconds"], closed: true))

    static let testEventRequest = OpenAPISchema.component("TestEventRequest", JSONSchema.object([
        "type": eventType.reference,
    ], required: ["type"], closed: true), uses: [eventType])

    static let webhookAttempt = OpenAPISchema.component("WebhookAttempt", JSONSchema.object([
        "number": JSONSchema.integer, "started_at": JSONSchema.dateTime, "status_code": JSONSchema.nullableInteger,
        "latency_ms": JSONSchema.integer, "error_class": ["type": ["string", "null"], "enum": ["dns", "connect", "tls", "timeout", "http", "blocked", .null]],
        "error": JSONSchema.nullableString, "request_headers": ["type": "object", "additionalProperties": JSONSchema.string],
        "response_body": ["type": ["string", "null"], "description": "Up to 1 KiB of the response."],
        "signed": signedContent.reference,
    ], required: ["number", "started_at", "latency_ms", "request_headers"]), uses: [signedContent])

    static let signedContent = OpenAPISchema.component("SignedContent", JSONSchema.object([
        "content": ["type": "string", "description": "Exactly what was signed: `{webhook-id}.{webhook-timestamp}.{body}`."],
        "content_bytes": ["type": "integer", "description": "Its length in UTF-8 bytes."],
        "signatures": ["type": "array", "items": JSONSchema.object([
            "signature": ["type": "string", "description": "One `v1,…` entry of `webhook-signature`, as sent."],
            "secret_id": ["type": ["string", "null"], "description": "The `secret_id` of the endpoint secret that made it; null when the endpoint no longer holds it."],
        ], required: ["signature", "secret_id"])],
    ], required: ["content", "content_bytes", "signatures"],
        description: "In the single-delivery view, on each attempt the receiver did not take (no 2xx): compare with what your code signed."))

    static let checkUpOutcome = OpenAPISchema.component("CheckUpOutcome", JSONSchema.object([
        "check": JSONSchema.oneOf(["valid", "tampered_signature", "stale_timestamp", "repeat"]),
        "expected": JSONSchema.oneOf(["accept", "refuse", "either"]),
        "webhook_id": JSONSchema.string, "webhook_timestamp": ["type": "integer", "description": "Unix seconds, as sent."],
        "status_code": JSONSchema.nullableInteger, "latency_ms": JSONSchema.integer,
        "error_class": ["type": ["string", "null"], "enum": ["dns", "connect", "tls", "timeout", "http", "blocked", .null]],
        "error": JSONSchema.nullableString, "response_body": ["type": ["string", "null"], "description": "Up to 1 KiB of the answer."],
        "tls": ["oneOf": [JSONSchema.object([
            "version": ["type": "string", "examples": ["TLSv1.3"]], "certificate_expires_at": JSONSchema.nullableDateTime,
        ], required: ["version", "certificate_expires_at"]), ["type": "null"]], "description": "null over plain HTTP."],
        "passed": ["type": ["boolean", "null"], "description": "Whether the receiver did what a verifying one does; null for the repeat."],
    ], required: ["check", "expected", "webhook_id", "webhook_timestamp", "status_code", "latency_ms", "error_class", "error",
                  "response_body", "tls", "passed"]))

    static let webhookCheckUp = OpenAPISchema.component("WebhookCheckUp", JSONSchema.object([
        "object": JSONSchema.constant("webhook_check_up"), "endpoint_id": JSONSchema.string, "url": JSONSchema.string,
        "livemode": JSONSchema.boolean, "checked_at": JSONSchema.dateTime,
        "verdict": ["type": "string", "enum": ["pass", "fail"],
                    "description": "`pass` only when the valid request was accepted (2xx) and the tampered and stale ones refused (any non-2xx)."],
        "checks": ["type": "array", "items": checkUpOutcome.reference, "description": "valid, tampered_signature, stale_timestamp, repeat: in the order sent."],
        "fixes": ["type": "array", "items": JSONSchema.string, "description": "What to fix, one sentence each; empty on a pass."],
        "notes": ["type": "array", "items": JSONSchema.string, "description": "Reported, not judged: the repeat's answer, a certificate near expiry."],
    ], required: ["object", "endpoint_id", "url", "livemode", "checked_at", "verdict", "checks", "fixes", "notes"]), uses: [checkUpOutcome])

    static let webhookDelivery = OpenAPISchema.component("WebhookDelivery", JSONSchema.object([
        "object": JSONSchema.constant("webhook_delivery"), "id": JSONSchema.string, "event_id": JSONSchema.string,
        "event_type": JSONSchema.string, "endpoint_id": JSONSchema.string,
        "status": JSONSchema.oneOf(["pending", "delivered", "delivered_after_retry", "retrying", "failed"]),
        "retries": ["type": "integer", "minimum": 0, "maximum": 3, "description": "Retries so far: `Retrying (2/3)`."],
        "last_status_code": JSONSchema.nullableInteger, "last_latency_ms": JSONSchema.nullableInteger,
        "next_attempt_at": ["type": "string", "format": "date-time", "description": "When the next attempt goes; absent once finished or while `blocked_by` holds it."],
        "next_attempt_reason": ["type": "string", "enum": .array(NextAttemptReason.allCases.map { .string($0.rawValue) }), "description": """
            Why then: `first_attempt`, `ordered` (it waits for `blocked_by`, the earlier delivery about the same subject to this endpoint), \
            `retry_schedule`, `retry_after` (the receiver's `Retry-After`, up to one hour), `circuit_open` (the endpoint's circuit).
            """],
        "blocked_by": ["type": "string", "description": "The earlier delivery this one waits for (events about one subject arrive in order)."],
        "replay_of": JSONSchema.nullableString, "test": JSONSchema.boolean,
        "livemode": JSONSchema.boolean, "created_at": JSONSchema.dateTime, "completed_at": JSONSchema.nullableDateTime,
        "attempts": ["type": "array", "items": webhookAttempt.reference, "description": "Oldest first; empty in lists."],
        "payload": ["type": ["string", "null"], "description": "The exact JSON body sent (single-delivery view)."],
    ], required: ["object", "id", "event_id", "event_type", "endpoint_id", "status", "retries", "test", "livemode", "created_at", "attempts"]),
        uses: [webhookAttempt])

    static let webhookStats = OpenAPISchema.component("WebhookStats", JSONSchema.object([
        "object": JSONSchema.constant("webhook_stats"), "days": JSONSchema.integer,
        "data": ["type": "array", "items": JSONSchema.object([
            "event_type": JSONSchema.string, "delivered": JSONSchema.integer, "delivered_after_retry": JSONSchema.integer,
            "failed": JSONSchema.integer, "retrying": JSONSchema.integer, "pending": JSONSchema.integer,
            "success_rate": ["type": ["number", "null"], "minimum": 0, "maximum": 1],
            "latency_p50_ms": JSONSchema.nullableInteger, "latency_p95_ms": JSONSchema.nullableInteger,
            "daily": ["type": "array", "items": JSONSchema.object([
                "date": ["type": "string", "format": "date"], "delivered": JSONSchema.integer, "failed": JSONSchema.integer,
            ], required: ["date", "delivered", "failed"])],
        ], required: ["event_type", "delivered", "delivered_after_retry", "failed", "retrying", "pending", "daily"])],
    ], required: ["object", "days", "data"]))

    /// The data of `webhook_endpoint.disabled`, also the `data` of its inbox item.
    static let webhookEndpointDisabled = OpenAPISchema.component("WebhookEndpointDisabled", JSONSchema.object([
        "endpoint_id": JSONSchema.string, "url": JSONSchema.string,
        "reason": platformDisabledReason.reference,
        "failing_since": ["type": ["string", "null"], "format": "date-time", "description": "When the failures began (`failing` only)."],
        "last_error": ["type": ["string", "null"], "description": "What the last attempt got, e.g. `HTTP 503` or `timeout: …`."],
    ], required: ["endpoint_id", "url", "reason", "failing_since", "last_error"]), uses: [platformDisabledReason])

    static let recoveryRequest = OpenAPISchema.component("WebhookRecoveryRequest", JSONSchema.object([
        "since": ["type": "string", "format": "date-time", "description": "From this time (inclusive); the range is cut to the last 30 days."],
        "until": ["type": "string", "format": "date-time", "description": "Up to this time (exclusive); the range is cut to now."],
        "dry_run": ["type": "boolean", "description": "Only count the events (default false)."],
    ], required: ["since", "until"], closed: true))

    static let recovery = OpenAPISchema.component("WebhookRecovery", JSONSchema.object([
        "object": JSONSchema.constant("webhook_recovery"), "id": JSONSchema.string, "endpoint_id": JSONSchema.string,
        "since": JSONSchema.dateTime, "until": JSONSchema.dateTime,
        "status": ["type": "string", "enum": .array(RecoveryStatus.allCases.map { .string($0.rawValue) }),
                   "description": "`running`, `completed` (every delivery finished), `cancelled` (the endpoint was disabled or deleted)."],
        "total": ["type": "integer", "minimum": 0, "description": "Events in the range."],
        "queued": ["type": "integer", "minimum": 0, "description": "Deliveries created so far (a window at a time)."],
        "delivered": ["type": "integer", "minimum": 0], "failed": ["type": "integer", "minimum": 0],
        "livemode": JSONSchema.boolean, "created_at": JSONSchema.dateTime, "completed_at": JSONSchema.dateTime,
    ], required: ["object", "id", "endpoint_id", "since", "until", "status", "total", "queued", "delivered", "failed", "livemode", "created_at"]))

    static let recoveryPreview = OpenAPISchema.component("WebhookRecoveryPreview", JSONSchema.object([
        "object": JSONSchema.constant("webhook_recovery_preview"), "endpoint_id": JSONSchema.string,
        "since": JSONSchema.dateTime, "until": JSONSchema.dateTime, "dry_run": JSONSchema.alwaysTrue("Only counted: nothing was sent."),
        "total": ["type": "integer", "minimum": 0, "description": "Events a recovery of the range would send."],
    ], required: ["object", "endpoint_id", "since", "until", "dry_run", "total"]))

    static let event = OpenAPISchema.component("Event", JSONSchema.object([
        "object": JSONSchema.constant("event"), "id": JSONSchema.string, "type": eventType.reference,
        "timestamp": JSONSchema.dateTime, "api_version": JSONSchema.string, "livemode": JSONSchema.boolean,
        "sequence": ["type": "integer", "minimum": 0, "description": "Position among this operator's events in this mode, in commit order."],
        "test": ["type": "boolean", "description": "Present and true only on test sends."],
        "data": ["type": "object", "description": "The event's data; see the `webhooks` section for each type."],
    ], required: ["object", "id", "type", "sequence", "timestamp", "api_version", "livemode", "data"]), uses: [eventType])
}

extension OpenAPIOperation {
    /// The 409 of the operations that add subscriptions.
    static let subscriptionQuotaProblem = """
        `subscription_quota_exceeded`: the change would pass the quota of active subscriptions ("7 of 10 webhook \
        subscriptions are active; this change needs 4 more, 1 over the quota."), with the integers `active`, `requested` \
        and `limit` as problem members. A change that adds none is never refused.
        """

    static let createWebhookEndpoint = OpenAPIOperation(
        id: "createWebhookEndpoint", summary: "Register a webhook endpoint",
        description: "Each (endpoint, event type) is a subscription; at most the quota (10 on the standard tier) are active per mode.",
        tag: "Webhooks", requestBody: .webhookEndpointCreate,
        responses: [201: .json("The endpoint with its signing secret, shown in full.", .webhookEndpoint),
                    409: .problem(Self.subscriptionQuotaProblem), 422: .problem("Invalid fields or URL.")])
    static let listWebhookEndpoints = OpenAPIOperation(
        id: "listWebhookEndpoints", summary: "List webhook endpoints", tag: "Webhooks",
        responses: [200: .json("Every endpoint in this mode.", .list(of: .webhookEndpoint))])
    static let getWebhookEndpoint = OpenAPIOperation(
        id: "getWebhookEndpoint", summary: "Retrieve a webhook endpoint", tag: "Webhooks",
        responses: [200: .json("The endpoint (secret masked).", .webhookEndpoint), 404: .problem("No such endpoint in this mode.")])
    static let updateWebhookEndpoint = OpenAPIOperation(
        id: "updateWebhookEndpoint", summary: "Change a webhook endpoint", tag: "Webhooks", requestBody: .webhookEndpointUpdate,
        responses: [200: .json("The endpoint.", .webhookEndpoint), 404: .problem("No such endpoint in this mode."),
                    409: .problem(Self.subscriptionQuotaProblem), 422: .problem("Invalid fields.")])
    static let deleteWebhookEndpoint = OpenAPIOperation(
        id: "deleteWebhookEndpoint", summary: "Delete a webhook endpoint", tag: "Webhooks",
        responses: [200: .json("Deleted.", .deletedObject), 404: .problem("No such endpoint in this mode.")])
    static let rotateWebhookSecret = OpenAPIOperation(
        id: "rotateWebhookSecret", summary: "Rotate an endpoint's signing secret", tag: "Webhooks", requestBody: .rotateSecretRequest,
        responses: [200: .json("The endpoint with its new secret, shown in full.", .webhookEndpoint), 404: .problem("No such endpoint in this mode."),
                    422: .problem("Invalid fields.")])
    static let sendTestWebhook = OpenAPIOperation(
        id: "sendTestWebhook", summary: "Send a marked sample event to an endpoint", tag: "Webhooks", requestBody: .testEventRequest,
        responses: [201: .json("The test delivery.", .webhookDelivery), 404: .problem("No such endpoint in this mode."),
                    422: .problem("Unknown event type.")])
    static let checkUpWebhookEndpoint = OpenAPIOperation(
        id: "checkUpWebhookEndpoint", summary: "Check that an endpoint's receiver verifies signatures",
        description: """
            Sends the endpoint four marked test requests (`"test": true`, `"check"` naming each), signed with its secret, one \
            after the other: a valid one, one with a tampered signature, one whose `webhook-timestamp` is 10 minutes old, and \
            the valid one again byte for byte (same `webhook-id`). Answers with each outcome and a verdict: `pass` only when \
            the valid request was accepted and the tampered and stale ones refused. The repeat is reported, not judged: a \
            receiver should answer it 2xx without acting twice. Nothing is written to the delivery log.
            """,
        tag: "Webhooks",
        responses: [200: .json("Each request's outcome and the verdict.", .webhookCheckUp), 404: .problem("No such endpoint in this mode.")])
    static let listWebhookDeliveries = OpenAPIOperation(
        id: "listWebhookDeliveries", summary: "The delivery log, newest first", tag: "Webhooks",
        parameters: [
            .query("limit", "Page size, 1…100 (default 50).", schema: ["type": "integer", "minimum": 1, "maximum": 100]),
            .query("starting_after", "A delivery id: the page starts after it.", schema: JSONSchema.string),
            .query("event_type", "Only this event type.", schema: JSONSchema.oneOf(WebhookEventType.allCases.map(\.rawValue))),
            .query("status", "Only this status.", schema: JSONSchema.oneOf(["pending", "delivered", "delivered_after_retry", "retrying", "failed"])),
            .query("endpoint_id", "Only this endpoint.", schema: JSONSchema.string),
        ],
        responses: [200: .json("A page of deliveries.", .list(of: .webhookDelivery)), 400: .problem("A malformed parameter."),
                    404: .problem("No `starting_after` delivery."), 422: .problem("An invalid filter.")])
    static let getWebhookDelivery = OpenAPIOperation(
        id: "getWebhookDelivery", summary: "Inspect a delivery: payload, headers, every attempt", tag: "Webhooks",
        responses: [200: .json("The delivery.", .webhookDelivery), 404: .problem("No such delivery in this mode.")])
    static let replayWebhookDelivery = OpenAPIOperation(
        id: "replayWebhookDelivery", summary: "Send a delivery's event again",
        description: "A new delivery of the same event (same `webhook-id`, fresh timestamp and signature), linked by `replay_of`.",
        tag: "Webhooks",
        responses: [201: .json("The new delivery.", .webhookDelivery), 404: .problem("No such delivery in this mode."),
                    409: .problem("The endpoint was deleted.")])
    static let enableWebhookEndpoint = OpenAPIOperation(
        id: "enableWebhookEndpoint", summary: "Turn a disabled endpoint back on",
        description: "Clears the disable (410, 5 days of failures, or the operator's own) and closes its circuit; its subscriptions count against the quota again.",
        tag: "Webhooks",
        responses: [200: .json("The endpoint, `state: enabled`.", .webhookEndpoint), 404: .problem("No such endpoint in this mode."),
                    409: .problem("The subscription quota would be exceeded.")])
    static let recoverWebhookEndpoint = OpenAPIOperation(
        id: "recoverWebhookEndpoint", summary: "Send an endpoint every event of a time range again",
        description: """
            Every event of the types the endpoint is subscribed to that occurred in `since`…`until` (cut to the last 30 days and \
            to now; the answer shows the range used), with its own id and `sequence`, paced after the endpoint's live deliveries. \
            A dry run only counts them.
            """,
        tag: "Webhooks", requestBody: .recoveryRequest,
        responses: [200: .json("A dry run: the count.", .recoveryPreview), 202: .json("The recovery, running.", .recovery),
                    404: .problem("No such endpoint in this mode."), 409: .problem("The endpoint is disabled."), 422: .problem("Invalid fields.")])
    static let getWebhookRecovery = OpenAPIOperation(
        id: "getWebhookRecovery", summary: "A recovery's progress", tag: "Webhooks",
        responses: [200: .json("The recovery.", .recovery), 404: .problem("No such recovery in this mode.")])
    static let getWebhookStats = OpenAPIOperation(
        id: "getWebhookStats", summary: "Delivery figures per event type and day", tag: "Webhooks",
        parameters: [
            .query("days", "Days to cover, 1…90 (default 7), today included (IST).", schema: ["type": "integer", "minimum": 1, "maximum": 90]),
            .query("endpoint_id", "Only this endpoint's deliveries.", schema: JSONSchema.string),
        ],
        responses: [200: .json("The figures.", .webhookStats), 400: .problem("A malformed parameter."), 404: .problem("No such endpoint in this mode.")])
    static let listEvents = OpenAPIOperation(
        id: "listEvents", summary: "Events of the last 30 days, newest or oldest first",
        description: """
            Events are kept 30 days. A page runs newest first (`order=desc`, the default) or oldest first (`order=asc`); \
            `starting_after` continues after an event, `ending_before` gives the page just before one (never both). \
            `created[gte|gt|lte|lt]` bound the events' `timestamp`, which has whole seconds, so the bounds compare \
            whole seconds: walking a range oldest first with `created[gt]` set to the last `timestamp` seen never \
            repeats an event.
            """,
        tag: "Events",
        parameters: [
            .query("limit", "Page size, 1…100 (default 20).", schema: ["type": "integer", "minimum": 1, "maximum": 100]),
            .query("starting_after", "An event id: the page starts just after it, in the page's order.", schema: JSONSchema.string),
            .query("ending_before", "An event id: the page ends just before it, in the page's order.", schema: JSONSchema.string),
            .query("order", "`desc` (newest first, the default) or `asc` (oldest first).", schema: JSONSchema.oneOf(["asc", "desc"])),
            .query("type", "Only this event type.", schema: JSONSchema.oneOf(WebhookEventType.allCases.map(\.rawValue))),
            .query("created[gte]", "Only events at or after this RFC 3339 time.", schema: JSONSchema.dateTime),
            .query("created[gt]", "Only events after this RFC 3339 time.", schema: JSONSchema.dateTime),
            .query("created[lte]", "Only events at or before this RFC 3339 time.", schema: JSONSchema.dateTime),
            .query("created[lt]", "Only events before this RFC 3339 time.", schema: JSONSchema.dateTime),
        ],
        responses: [200: .json("A page of events.", .list(of: .event)),
                    400: .problem("A malformed or invalid parameter, or both `starting_after` and `ending_before`."),
                    404: .problem("No `starting_after` or `ending_before` event in this mode and the last 30 days.")])
    static let getEvent = OpenAPIOperation(
        id: "getEvent", summary: "Retrieve an event of the last 30 days", tag: "Events",
        responses: [200: .json("The event.", .event), 404: .problem("No such event in this mode and the last 30 days.")])
}
