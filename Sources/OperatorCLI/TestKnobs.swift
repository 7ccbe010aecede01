/// Settings for tests and benchmarks, read from the environment only and checked like a flag's value. Never set
/// them in production.
public struct TestKnobs: Equatable, Sendable {
    /// The first webhook retry's delay (later ones grow ×5); nil keeps the schedule's one minute.
    public var webhookRetryBase: Duration?
    /// The time limit of one webhook attempt; nil keeps 10 s.
    public var webhookAttemptTimeout: Duration?
    /// Failed authentications allowed per address per minute before 429; nil keeps 20.
    public var authFailuresPerAddress: Int?
    /// Whether the Gateway enforces quotas: off only to measure what the limiter costs (`scripts/bench-http`).
    public var enforceQuotas = true

    public init() {}
}
