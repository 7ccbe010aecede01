import Kernel

/// Decides a delivery's status after an attempt: the pure core of the retry policy.
public struct DeliveryState: Sendable, Equatable {
    public let status: DeliveryStatus
    public let nextAttemptAt: Timestamp?
    /// Why the next attempt is at ``nextAttemptAt`` (nil when there is none).
    public let reason: NextAttemptReason?
    /// Whether the endpoint must be disabled (it answered 410 Gone).
    public let disableEndpoint: Bool

    /// How one attempt ended.
    public enum Outcome: Sendable, Equatable {
        case success
        /// Any other answer or no answer; `retryAfter` is the receiver's `Retry-After` on a 429 or 503.
        case failure(retryAfter: Duration?)
        /// 410 Gone: the receiver asks never to be called again.
        case gone
    }

    /// The state after attempt number `attempt` (1-based) ended with `outcome` at `now`.
    public static func after(attempt: Int, outcome: Outcome, schedule: RetrySchedule, now: Timestamp, random: Double) -> DeliveryState {
        switch outcome {
        case .success:
            return DeliveryState(status: attempt == 1 ? .delivered : .deliveredAfterRetry, nextAttemptAt: nil, reason: nil, disableEndpoint: false)
        case .gone:
            return DeliveryState(status: .failed, nextAttemptAt: nil, reason: nil, disableEndpoint: true)
        case .failure(let retryAfter):
            guard let delay = schedule.delay(afterAttempt: attempt, retryAfter: retryAfter, random: random) else {
                return DeliveryState(status: .failed, nextAttemptAt: nil, reason: nil, disableEndpoint: false)
            }
            return DeliveryState(status: .retrying, nextAttemptAt: now + delay, reason: retryAfter == nil ? .retrySchedule : .retryAfter,
                                 disableEndpoint: false)
        }
    }

    /// Whether no attempt follows.
    public var isFinal: Bool { nextAttemptAt == nil }
}
