import Kernel

/// Whether an endpoint gets deliveries now: the API's `state`, the dashboard's badge and `/metrics`' label.
public enum EndpointState: String, Codable, Sendable, CaseIterable {
    /// Deliveries go out as they become due.
    case enabled
    /// Consecutive failures opened the endpoint's circuit: its deliveries wait (nothing is dropped) until `retry_at`,
    /// when one attempt probes it.
    case circuitOpen = "circuit_open"
    /// Nothing is sent; `disabled_reason` says why. `POST …/enable` turns it back on.
    case disabled
}

/// Why an endpoint is disabled.
public enum DisabledReason: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    /// The operator turned it off.
    case `operator`
    /// It answered 410 Gone.
    case gone
    /// Every attempt failed for ``Webhooks/Settings/autoDisableAfter`` (5 days) in a row.
    case failing
}
