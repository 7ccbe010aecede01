import Kernel

/// Per-endpoint circuit breaker: after `threshold` consecutive failed attempts the endpoint is *open* for a
/// cool-down; its due deliveries wait (nothing is dropped). When the cool-down ends one attempt goes through as a
/// probe: success closes the circuit, failure opens it again for twice as long (capped).
public struct CircuitBreaker: Sendable, Equatable {
    public var threshold: Int
    public var coolDown: Duration
    public var maxCoolDown: Duration
    public private(set) var consecutiveFailures = 0
    /// While open: when the next probe may go.
    public private(set) var openUntil: Timestamp?
    private(set) var currentCoolDown: Duration
    private(set) var probing = false

    public init(threshold: Int = 5, coolDown: Duration = .seconds(60), maxCoolDown: Duration = .seconds(3600)) {
        self.threshold = threshold
        self.coolDown = coolDown
        self.maxCoolDown = maxCoolDown
        currentCoolDown = coolDown
    }

    /// What the dispatcher may do with the endpoint at `now`.
    public enum Permission: Equatable, Sendable {
        case allowed
        /// Send exactly one attempt to test the endpoint.
        case probe
        /// Wait until the given time.
        case waitUntil(Timestamp)
        /// The probe is out: wait for its result.
        case waitForProbe
    }

    /// Asks to start an attempt. A `.probe` answer reserves the single probe until its result is recorded.
    public mutating func permission(at now: Timestamp) -> Permission {
        guard let until = openUntil else { return .allowed }
        if probing { return .waitForProbe }
        if now < until { return .waitUntil(until) }
        probing = true
        return .probe
    }

    public mutating func recordSuccess() {
        consecutiveFailures = 0
        openUntil = nil
        probing = false
        currentCoolDown = coolDown
    }

    public mutating func recordFailure(at now: Timestamp) {
        consecutiveFailures += 1
        if probing {
            probing = false
            currentCoolDown = min(currentCoolDown * 2, maxCoolDown)
            openUntil = now + currentCoolDown
        } else if openUntil == nil && consecutiveFailures >= threshold {
            openUntil = now + currentCoolDown
        }
    }

    /// The attempt that held the probe ended without an answer to judge (it was never sent): another may probe.
    public mutating func releaseProbe() {
        probing = false
    }

    /// The breaker as persisted: `failures` in a row, open until `openUntil` (nil: closed).
    public func restored(failures: Int, openUntil: Timestamp?) -> CircuitBreaker {
        var copy = self
        copy.consecutiveFailures = failures
        copy.openUntil = openUntil
        return copy
    }

    public var isOpen: Bool { openUntil != nil }
}
