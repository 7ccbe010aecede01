import Kernel

/// What becomes of a WhatsApp alert after an attempt. Pure: the sender passes in the outcome and the time.
struct AlertRetryPolicy: Sendable {
    enum Next: Equatable {
        case sent
        case retry(at: Timestamp)
        case failed
    }

    let backoff: RetryBackoff
    let maxAttempts: Int

    /// After attempt number `attempt` (1-based) ended in `failure` (nil: accepted) at `now`.
    func next(after failure: WhatsAppClient.Failure?, attempt: Int, now: Timestamp) -> Next {
        guard let failure else { return .sent }
        if failure.isPermanent || attempt >= maxAttempts { return .failed }
        return .retry(at: now + backoff.delay(afterFailures: attempt))
    }
}
