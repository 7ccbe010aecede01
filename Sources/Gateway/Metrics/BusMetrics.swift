import Kernel

/// `bus_subscriber_lag{subscriber}` and `bus_subscriber_failures_total{subscriber}` from ``EventBus/status()``.
public struct BusMetrics: MetricsCollector {
    public let bus: EventBus

    public init(bus: EventBus) { self.bus = bus }

    public func collect() async throws -> [MetricFamily] {
        let subscribers = try await bus.status()
        return [
            MetricFamily(
                name: "bus_subscriber_lag", help: "Events committed but not yet processed, by subscriber.", kind: .gauge,
                samples: subscribers.map { MetricSample(labels: [("subscriber", $0.name)], value: Double($0.lag)) }),
            MetricFamily(
                name: "bus_subscriber_failures_total", help: "Failed handler runs since start, by subscriber.", kind: .counter,
                samples: subscribers.map { MetricSample(labels: [("subscriber", $0.name)], value: Double($0.totalFailures)) }),
        ]
    }
}
