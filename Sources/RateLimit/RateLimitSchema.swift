import Kernel

/// The RateLimit module owns token-bucket quotas per operator and mode: requests per minute and per day, user
/// creations per hour, the webhook subscription quota's number, and the per-address limits on failed sign-ins.
///
/// It decides; the Gateway enforces. Operators' tiers and overrides arrive as `operator.created` /
/// `operator.updated` events; bucket levels are persisted periodically and at shutdown so a restart never hands
/// out a fresh day. A row of `rate_limit_buckets` holds a token bucket's level and last refill, or a calendar
/// window's count and start.
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
        // Per day and per hour became counts of the IST calendar window: a stored token level is not a count, so
        // those rows go (the first window after the upgrade starts from zero).
        Migration(module: "ratelimit", version: 2, sql: """
            DELETE FROM rate_limit_buckets WHERE key LIKE '%/requests_per_day' OR key LIKE '%/user_creations_per_hour';
            """),
    ]
}
