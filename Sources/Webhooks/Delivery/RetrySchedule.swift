/// When to try a failed delivery again: attempt 1 at once, then 3 retries after `base × factor^(n−1)` with ±10 %
/// jitter (defaults 1 min, 5 min, 25 min). A `Retry-After` from the receiver (on 429 and 503) replaces the scheduled
/// delay, up to ``maxRetryAfter`` (one hour), so a receiver can slow us down but cannot park a delivery for days.
public struct RetrySchedule: Sendable, Equatable {
    public var base: Duration
    public var factor: Int
    public var retries: Int
    /// Fraction of the delay to jitter by, either way.
    public var jitter: Double
    /// The longest `Retry-After` honoured.
    public var maxRetryAfter: Duration

    public init(base: Duration = .seconds(60), factor: Int = 5, retries: Int = 3, jitter: Double = 0.1, maxRetryAfter: Duration = .seconds(3600)) {
        self.base = base
        self.factor = factor
        self.retries = retries
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
    }

    /// The delay after failed attempt number `attempt` (1-based), or nil when no retry is left.
    /// - Parameter random: a value in 0…1 that picks the jitter (0.5 = none).
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil, random: Double) -> Duration? {
        guard attempt >= 1, attempt <= retries else { return nil }
        if let retryAfter { return max(.zero, min(retryAfter, maxRetryAfter)) }
        var nominal = base
        for _ in 1..<attempt { nominal *= factor }
        let spread = (random * 2 - 1) * jitter
        return .milliseconds(Int64((Double(nominal.milliseconds) * (1 + spread)).rounded()))
    }

    /// Total attempts a delivery gets.
    public var maxAttempts: Int { retries + 1 }
}
