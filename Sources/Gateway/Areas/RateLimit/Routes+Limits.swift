import HTTPAPI
import HTTPServer
import Kernel
import RateLimit
import Webhooks

extension Routes {
    /// `GET /v1/wl/limits`: every quota with what is used and what remains (the dashboard's "180 / 1,000").
    public static func limits(_ limits: RateLimit, webhooks: Webhooks) -> [Route] {
        [
            Route(.get, "/v1/wl/limits", auth: .operatorKey, operation: .getLimits) { context in
                let scope = try context.scope
                let tier = limits.limits(for: scope.operatorID).tier
                var items = try await limits.usage(scope).compactMap { state in
                    state.quota.map {
                        QuotaUsage(name: $0.rawValue, limit: state.limit, used: state.used, remaining: state.remaining,
                                   windowSeconds: state.windowSeconds, resetsInSeconds: state.resetSeconds)
                    }
                }
                let subscriptions = try await webhooks.subscriptionUsage(scope)
                items.append(QuotaUsage(name: Quota.webhookSubscriptions.rawValue, limit: subscriptions.limit, used: subscriptions.active,
                                        remaining: max(0, subscriptions.limit - subscriptions.active), windowSeconds: nil, resetsInSeconds: nil))
                return try .json(encoding: LimitsList(tier: tier, data: items))
            },
        ]
    }
}

/// `{object: "list", tier, data}` of ``QuotaUsage``.
struct LimitsList: Encodable {
    var object = "list"
    let tier: String
    let data: [QuotaUsage]
}

/// One quota as the limits API reports it.
struct QuotaUsage: Encodable {
    let name: String
    let limit: Int
    let used: Int
    let remaining: Int
    /// The bucket's refill window; nil for counted quotas (webhook subscriptions).
    let windowSeconds: Int?
    let resetsInSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case name, limit, used, remaining, windowSeconds = "window_seconds", resetsInSeconds = "resets_in_seconds"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(limit, forKey: .limit)
        try container.encode(used, forKey: .used)
        try container.encode(remaining, forKey: .remaining)
        try container.encode(windowSeconds, forKey: .windowSeconds)
        try container.encode(resetsInSeconds, forKey: .resetsInSeconds)
    }
}

extension OpenAPIOperation {
    static let getLimits = OpenAPIOperation(
        id: "getLimits", summary: "Quotas: limit, used and remaining",
        description: """
            Not itself counted against any quota. `requests_per_minute` is a token bucket (`used` is what has not \
            refilled yet). `requests_per_day` counts the requests of the current IST calendar day (00:00–24:00 IST) \
            and `user_creations_per_hour` the users created in the current IST clock hour (replayed, refused and \
            failed requests create none); each goes back to zero when the next one starts (`resets_in_seconds`), and \
            `used + remaining = limit`. `signups_per_hour` and `signups_per_address_per_hour` are refilling buckets; the per-address one reports \
            the address that used the most. `webhook_subscriptions` counts the active subscriptions.
            """,
        tag: "Limits",
        responses: [200: .json("Every quota of this operator and mode.", .inline(JSONSchema.object([
            "object": JSONSchema.constant("list"), "tier": JSONSchema.string,
            "data": ["type": "array", "items": JSONSchema.object([
                "name": JSONSchema.oneOf(Quota.allCases.map(\.rawValue)),
                "limit": JSONSchema.integer, "used": JSONSchema.integer, "remaining": JSONSchema.integer,
                "window_seconds": JSONSchema.nullableInteger, "resets_in_seconds": JSONSchema.nullableInteger,
            ], required: ["name", "limit", "used", "remaining", "window_seconds", "resets_in_seconds"])],
        ], required: ["object", "tier", "data"])))])
}
