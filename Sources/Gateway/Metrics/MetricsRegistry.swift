import Kernel

/// Everything `/metrics` reports: the Gateway's own request metrics, then each collector's families, in order.
struct MetricsRegistry: Sendable {
    let requests: RequestMetrics
    let collectors: [any MetricsCollector]
    let logger: Logger

    /// The exposition text. A failing collector is logged and left out; the scrape still succeeds.
    func scrape() async -> String {
        var families = requests.families()
        for collector in collectors {
            do {
                families += try await collector.collect()
            } catch {
                logger.warning("metrics collector failed", ["collector": "\(type(of: collector))", "error": "\(error)"])
            }
        }
        return PrometheusText.render(families)
    }
}
