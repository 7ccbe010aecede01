/// A source of metric families read at every scrape of `/metrics`: how later modules add their own (the
/// composition root wraps a domain actor's statistics in one and lists it in the ``GatewayConfiguration``).
///
/// A collector that throws is left out of that scrape (and logged); the others still report.
public protocol MetricsCollector: Sendable {
    func collect() async throws -> [MetricFamily]
}
