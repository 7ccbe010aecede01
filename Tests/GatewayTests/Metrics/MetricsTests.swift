import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import Foundation
import HTTPServer
import Kernel
import Testing
import TestSupport

struct FailingCollector: MetricsCollector {
    func collect() async throws -> [MetricFamily] { throw ProbeError() }
}

/// A bus subscriber that ignores everything; only its checkpoint matters here.
struct IdleSubscriber: EventHandler {
    let name = "billing.usage"
    func accepts(_ type: String) -> Bool { true }
}

@Suite(.databases) struct MetricsTests {
    @Test func metrics_afterRequests_countsThemByRouteTemplateMethodAndStatus() async {
        let gateway = Gateway.make(routes: [.test(.get, "/v1/widgets/:id") { _ in .ok }])
        for path in ["/v1/widgets/a", "/v1/widgets/b", "/v1/nowhere"] { _ = await gateway.handle(.make(.get, path)) }
        _ = await gateway.handle(.make(.post, "/v1/widgets/a"))
        _ = await gateway.handle(.make(HTTPMethod("BREW"), "/v1/widgets/a"))

        let response = await gateway.handle(.make(.get, "/metrics"))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        let text = response.text
        #expect(text.contains("# TYPE http_requests_total counter\n"))
        #expect(text.contains(#"http_requests_total{route="/v1/widgets/:id",method="GET",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{route="/v1/widgets/:id",method="POST",status="405"} 1"#))
        #expect(text.contains(#"http_requests_total{route="/v1/widgets/:id",method="OTHER",status="405"} 1"#))
        #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(!text.contains("/v1/widgets/a"))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram\n"))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/widgets/:id",le="+Inf"} 4"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/v1/widgets/:id"} 4"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/widgets/:id",le="10"} 4"#))
    }

    @Test func requestMetrics_putsEachDurationInItsBucket() {
        let metrics = RequestMetrics(routes: ["/a"])
        metrics.record(route: 0, method: .get, status: 200, duration: .milliseconds(3))
        metrics.record(route: 0, method: .get, status: 200, duration: .milliseconds(30))
        metrics.record(route: 0, method: .get, status: 200, duration: .seconds(11))
        let text = PrometheusText.render(metrics.families())
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/a",le="0.005"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/a",le="0.025"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/a",le="0.05"} 2"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/a",le="10"} 2"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/a",le="+Inf"} 3"#))
        #expect(text.contains(#"http_request_duration_seconds_sum{route="/a"} 11.03"#))
    }

    @Test func metrics_includeOpenConnectionsAndCollectors_andSkipAFailingCollector() async {
        let log = LogCapture()
        let gateway = Gateway.make(logger: log.logger, openConnections: { 7 }, collectors: [
            FailingCollector(),
            GaugeCollector(name: "strategies_active", help: "Active strategies.") { 12 },
        ])
        let text = await gateway.handle(.make(.get, "/metrics")).text
        #expect(text.contains("# TYPE http_open_connections gauge\nhttp_open_connections 7\n"))
        #expect(text.contains("strategies_active 12\n"))
        #expect(log.entries(message: "metrics collector failed").count == 1)
    }

    @Test func busMetrics_reportLagAndFailuresPerSubscriber() async throws {
        let database = try TestDatabase().open(clock: ManualClock())
        let bus = EventBus(database: database)
        await bus.subscribe(IdleSubscriber())
        for n in 0..<3 { try await bus.publish(NewEvent(type: "test.ping", tenant: "op_1", mode: .test, payload: ["n": n])) }

        let text = await Gateway.make(collectors: [BusMetrics(bus: bus)]).handle(.make(.get, "/metrics")).text
        #expect(text.contains(#"bus_subscriber_lag{subscriber="billing.usage"} 3"#))
        #expect(text.contains("# TYPE bus_subscriber_failures_total counter\n"))
        #expect(text.contains(#"bus_subscriber_failures_total{subscriber="billing.usage"} 0"#))
    }

    @Test func storageMetrics_countWritesFailedWritesAndCommits() async throws {
        let database = try TestDatabase().open(clock: ManualClock())
        let before = database.statistics
        try await database.write { _ in }
        _ = try? await database.write { _ in throw ProbeError() }

        let text = await Gateway.make(collectors: [StorageMetrics(database: database)]).handle(.make(.get, "/metrics")).text
        #expect(text.contains("# TYPE storage_writes_total counter\nstorage_writes_total \(before.writes + 2)\n"))
        #expect(text.contains("storage_failed_writes_total \(before.failedWrites + 1)\n"))
        #expect(text.contains("storage_commits_total \(before.commits + 2)\n"))
    }
}
