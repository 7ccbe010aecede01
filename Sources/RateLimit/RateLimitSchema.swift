import Kernel

/// The RateLimit module owns token-bucket quotas per operator and mode: requests per minute and per day, user
/// creations per hour, the webhook subscription quota's number, and the per-address limits on failed sign-ins.
///
/// It decides; the Gateway enforces. Operators' tiers and overrides arrive as `operator.created` /
/// `operator.updated` events; bucket levels are persisted periodically and at shutdown so a restart never hands
/// out a fresh day.
public enum RateLimitSchema {
    public static let migrations = [
        Migration(module: "ratelimit", version: 1, sql: """
            CREATE TABLE rate_limit_operators(
                operator_id TEXT PRIMARY KEY,
                tier TEXT NOT NULL,
                overrides TEXT NOT NULL
            );
            CREATE TABLE rate_limit_buckets(
                key TEXT PRIMARY KEY,
                level INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """),
    ]
}
