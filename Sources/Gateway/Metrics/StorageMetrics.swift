import Kernel

/// `storage_writes_total`, `storage_failed_writes_total` and `storage_commits_total` from ``Database/statistics``:
/// with group commit, writes ÷ commits is the mean number of writes that shared one commit (and one fsync).
public struct StorageMetrics: MetricsCollector {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func collect() async throws -> [MetricFamily] {
        let statistics = database.statistics
        return [
            MetricFamily(name: "storage_writes_total", help: "Write transactions' bodies run since start.", kind: .counter,
                         samples: [MetricSample(labels: [], value: Double(statistics.writes))]),
            MetricFamily(name: "storage_failed_writes_total", help: "Write bodies rolled back (they threw, or their commit failed).",
                         kind: .counter, samples: [MetricSample(labels: [], value: Double(statistics.failedWrites))]),
            MetricFamily(name: "storage_commits_total", help: "Commits since start; each holds one group of writes.", kind: .counter,
                         samples: [MetricSample(labels: [], value: Double(statistics.commits))]),
        ]
    }
}
