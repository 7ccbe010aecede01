/// A single unlabelled gauge read from a closure at scrape time, e.g. `http_open_connections` from the server.
public struct GaugeCollector: MetricsCollector {
    public let name: String
    public let help: String
    public let read: @Sendable () async -> Double

    public init(name: String, help: String, read: @escaping @Sendable () async -> Double) {
        self.name = name
        self.help = help
        self.read = read
    }

    public func collect() async -> [MetricFamily] {
        [MetricFamily(name: name, help: help, kind: .gauge, samples: [MetricSample(value: await read())])]
    }
}
