/// One condition `/readyz` requires: a name and a probe that throws when the condition does not hold.
///
/// The composition root wires them (`ReadinessCheck+Kernel.swift` has the standard ones). Keep probes quick: the
/// orchestrator's probe timeout is the deadline.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let probe: @Sendable () async throws -> Void

    public init(_ name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}

/// A failed readiness condition whose reason is safe to show on `/readyz`. Other errors a probe throws are logged
/// and shown only as "check failed".
public struct ReadinessFailure: Error, Sendable {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }
}
