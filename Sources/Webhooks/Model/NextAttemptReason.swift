import Kernel

/// Why an open delivery will be tried when it will: what the API's `next_attempt_reason` and the dashboard say.
public enum NextAttemptReason: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    /// Not tried yet; due at once.
    case firstAttempt = "first_attempt"
    /// Waits until the earlier delivery about the same subject to the same endpoint (`blocked_by`) is delivered or
    /// has finally failed: events about one subject arrive in commit order.
    case ordered
    /// The retry schedule (1, 5, 25 minutes after the failed attempts, ±10 %).
    case retrySchedule = "retry_schedule"
    /// The receiver answered 429 or 503 with `Retry-After` (honoured up to one hour).
    case retryAfter = "retry_after"
    /// The endpoint's circuit is open after consecutive failures: nothing is sent to it before `retry_at`.
    case circuitOpen = "circuit_open"
}
