import HTTPServer
import Synchronization

/// `http_requests_total{route,method,status}` and `http_request_duration_seconds{route}`: recorded on every
/// request, so built for the hot path.
///
/// Series are labelled by route template, never by raw path (which holds ids and would explode cardinality);
/// requests no route matched share the route label `unmatched`. Each route has its own lock, so requests to
/// different routes never contend, and the critical section is a handful of additions.
final class RequestMetrics: Sendable {
    /// Upper bounds in seconds: Prometheus's defaults, which span a cache hit to a stuck dependency.
    static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let unmatchedRoute = "unmatched"
    /// Methods kept as a label value; any other becomes `OTHER`, so clients cannot mint new series.
    private static let knownMethods: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options]

    private struct Series {
        var requests: [StatusKey: UInt64] = [:]
        var bucketCounts = [UInt64](repeating: 0, count: RequestMetrics.bucketBounds.count)
        var count: UInt64 = 0
        var sum = 0.0
    }

    private struct StatusKey: Hashable, Comparable {
        let method: String
        let status: Int
        static func < (a: StatusKey, b: StatusKey) -> Bool { (a.method, a.status) < (b.method, b.status) }
    }

    /// A lock can't live in an array directly (`Mutex` is not copyable), so each route's sits in a box.
    private final class LockedSeries: Sendable {
        let lock = Mutex(Series())
    }

    private let routes: [String]
    /// One per route, in the order of `routes`, then one for unmatched requests.
    private let series: [LockedSeries]

    init(routes: [String]) {
        self.routes = routes + [Self.unmatchedRoute]
        series = self.routes.map { _ in LockedSeries() }
    }

    /// Counts one answered request; `route` is the matched route's index, nil when none matched.
    func record(route: Int?, method: HTTPMethod, status: Int, duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        let key = StatusKey(method: Self.knownMethods.contains(method) ? method.rawValue : "OTHER", status: status)
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 }
        series[route ?? routes.count - 1].lock.withLock { s in
            s.requests[key, default: 0] += 1
            if let bucket { s.bucketCounts[bucket] += 1 }
            s.count += 1
            s.sum += seconds
        }
    }

    func families() -> [MetricFamily] {
        var requests = [MetricSample]()
        var durations = [MetricSample]()
        for (route, box) in zip(routes, series) {
            let s = box.lock.withLock { $0 }
            for (key, count) in s.requests.sorted(by: { $0.key < $1.key }) {
                requests.append(MetricSample(
                    labels: [("route", route), ("method", key.method), ("status", String(key.status))], value: Double(count)))
            }
            guard s.count > 0 else { continue }
            var cumulative: UInt64 = 0
            for (bound, count) in zip(Self.bucketBounds, s.bucketCounts) {
                cumulative += count
                durations.append(MetricSample(suffix: "_bucket", labels: [("route", route), ("le", PrometheusText.format(bound))], value: Double(cumulative)))
            }
            durations.append(MetricSample(suffix: "_bucket", labels: [("route", route), ("le", "+Inf")], value: Double(s.count)))
            durations.append(MetricSample(suffix: "_sum", labels: [("route", route)], value: s.sum))
            durations.append(MetricSample(suffix: "_count", labels: [("route", route)], value: Double(s.count)))
        }
        return [
            MetricFamily(name: "http_requests_total", help: "Requests answered, by route template, method and status.",
                         kind: .counter, samples: requests),
            MetricFamily(name: "http_request_duration_seconds", help: "Time to answer a request, by route template.",
                         kind: .histogram, samples: durations),
        ]
    }
}
