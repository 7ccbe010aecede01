/// One sample line of a ``MetricFamily``: `name{labels} value`.
public struct MetricSample: Sendable {
    /// Appended to the family name: empty for counters and gauges; `_bucket`, `_sum`, `_count` for histograms.
    public let suffix: String
    public let labels: [(name: String, value: String)]
    public let value: Double

    public init(suffix: String = "", labels: [(name: String, value: String)] = [], value: Double) {
        self.suffix = suffix
        self.labels = labels
        self.value = value
    }
}
