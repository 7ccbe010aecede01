import Kernel

/// One event type's counters summed over the hours (and endpoints) a stats request covers.
struct StatsTally {
    let first: CivilDate
    private var delivered = 0
    private var deliveredAfterRetry = 0
    private var failed = 0
    private var pending = 0
    private var retrying = 0
    private var latency = LatencySketch()
    /// Per day from `first`: delivered (first try or after retry), failed.
    private var daily: [(delivered: Int, failed: Int)]

    init(first: CivilDate, days: Int) {
        self.first = first
        daily = Array(repeating: (0, 0), count: days)
    }

    mutating func add(day: CivilDate, delivered: Int, afterRetry: Int, failed: Int, latency: LatencySketch) {
        self.delivered += delivered
        deliveredAfterRetry += afterRetry
        self.failed += failed
        self.latency.merge(latency)
        let index = Int(day.daysSinceEpoch - first.daysSinceEpoch)
        guard daily.indices.contains(index) else { return }
        daily[index].delivered += delivered + afterRetry
        daily[index].failed += failed
    }

    mutating func addOpen(pending: Int, retrying: Int) {
        self.pending += pending
        self.retrying += retrying
    }

    func stats(_ eventType: String) -> EventTypeStats {
        let finished = delivered + deliveredAfterRetry + failed
        return EventTypeStats(
            eventType: eventType, delivered: delivered, deliveredAfterRetry: deliveredAfterRetry, failed: failed, retrying: retrying,
            pending: pending, successRate: finished == 0 ? nil : Double(delivered + deliveredAfterRetry) / Double(finished),
            latencyP50Ms: latency.percentile(50), latencyP95Ms: latency.percentile(95),
            daily: daily.enumerated().map { DayStats(date: first.adding(days: Int64($0.offset)).description, delivered: $0.element.delivered,
                                                     failed: $0.element.failed) })
    }
}
