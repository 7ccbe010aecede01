/// Exponential back-off for a failing subscriber: `base × 2^(failures−1)`, capped.
public struct RetryBackoff: Sendable, Equatable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .milliseconds(100), cap: Duration = .seconds(60)) {
        self.base = base
        self.cap = cap
    }

    /// The pause after the `failures`-th consecutive failure (1-based).
    public func delay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 30)
        let delay = base * (1 << exponent)
        return min(delay, cap)
    }
}
