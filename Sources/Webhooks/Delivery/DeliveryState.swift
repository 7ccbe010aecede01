import Kernel

/// Decides a delivery's status after an attempt: the pure core of the retry policy.
public struct DeliveryState: Sendable, Equatable {
    public let status: DeliveryStatus
    public let nextAttemptAt: Timestamp?
    /// Whether the endpoint must be disabled (it answered 410 Gone).
    public let disableEndpoint: Bool

    /// How one attempt ended.
    public enum Outcome: Sendable, Equatable {
        case success
        case failure(retryAfter: Duration?)
        /// 410 Gone: the receiver asks never to be called again.
        case gone
    }

    /// The state after attempt number `attempt` (1-based) ended with `outcome` at `now`.
    public static func after(attempt: Int, outcome: Outcome, schedule: RetrySchedule, now: Timestamp, random: Double) -> DeliveryState {
        switch outcome {
        case .success:
            return DeliveryState(status: attempt == 1 ? .delivered : .deliveredAfterRetry, nextAttemptAt: nil, disableEndpoint: false)
        case .gone:
            return DeliveryState(status: .failed, nextAttemptAt: nil, disableEndpoint: true)
        case .failure(let retryAfter):
            guard let delay = schedule.delay(afterAttempt: attempt, retryAfter: retryAfter, random: random) else {
                return DeliveryState(status: .failed, nextAttemptAt: nil, disableEndpoint: false)
            }
            return DeliveryState(status: .retrying, nextAttemptAt: now + delay, disableEndpoint: false)
        }
    }
}
