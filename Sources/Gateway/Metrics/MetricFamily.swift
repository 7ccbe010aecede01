/// One Prometheus metric family: a name, its help text, its type and its samples.
///
/// Later modules publish their own families through a ``MetricsCollector``; names follow Prometheus conventions
/// (`snake_case`, a unit suffix, `_total` for counters).
public struct MetricFamily: Sendable {
    /// The Prometheus metric type, written on the family's `# TYPE` line.
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    public let name: String
    public let help: String
    public let kind: Kind
    public let samples: [MetricSample]

    public init(name: String, help: String, kind: Kind, samples: [MetricSample]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.samples = samples
    }
}
