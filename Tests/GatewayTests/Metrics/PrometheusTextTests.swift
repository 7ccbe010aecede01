@testable import Gateway
@testable import HTTPAPI
import Testing

@Suite struct PrometheusTextTests {
    @Test func render_writesHelpTypeAndSamplesWithEscapedLabels() {
        let text = PrometheusText.render([
            MetricFamily(name: "jobs_total", help: "Jobs run.\nBy queue \\ kind.", kind: .counter, samples: [
                MetricSample(labels: [("queue", "a\"b\\c\nd")], value: 3),
                MetricSample(labels: [("queue", "plain")], value: 0.25),
            ]),
            MetricFamily(name: "up", help: "Up.", kind: .gauge, samples: [MetricSample(value: 1)]),
        ])
        #expect(text == """
            # HELP jobs_total Jobs run.\\nBy queue \\\\ kind.
            # TYPE jobs_total counter
            jobs_total{queue="a\\"b\\\\c\\nd"} 3
            jobs_total{queue="plain"} 0.25
            # HELP up Up.
            # TYPE up gauge
            up 1

            """)
    }

    @Test func format_spellsSpecialValuesAsPrometheusDoes() {
        #expect(PrometheusText.format(.infinity) == "+Inf")
        #expect(PrometheusText.format(-.infinity) == "-Inf")
        #expect(PrometheusText.format(.nan) == "NaN")
        #expect(PrometheusText.format(42) == "42")
        #expect(PrometheusText.format(0.005) == "0.005")
    }
}
