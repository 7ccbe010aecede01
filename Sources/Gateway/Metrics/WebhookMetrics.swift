import Webhooks

/// `webhook_endpoints{state}` (enabled, circuit_open, disabled), `webhook_attempts_in_flight`,
/// `webhook_attempts_awaiting_record` and `webhook_attempts_total{result}` from Webhooks and its dispatcher.
public struct WebhookMetrics: MetricsCollector {
    public let webhooks: Webhooks

    public init(webhooks: Webhooks) { self.webhooks = webhooks }

    public func collect() async throws -> [MetricFamily] {
        let states = try await webhooks.endpointStates()
        let dispatcher = await webhooks.dispatcher.statistics
        return [
            MetricFamily(
                name: "webhook_endpoints", help: "Webhook endpoints by state: enabled, circuit_open (deliveries wait), disabled.", kind: .gauge,
                samples: EndpointState.allCases.map { MetricSample(labels: [("state", $0.rawValue)], value: Double(states[$0] ?? 0)) }),
            MetricFamily(name: "webhook_attempts_in_flight", help: "Webhook attempts sent and not yet answered.", kind: .gauge,
                         samples: [MetricSample(value: Double(dispatcher.inFlight))]),
            MetricFamily(name: "webhook_attempts_awaiting_record", help: "Finished webhook attempts whose record is not yet committed.",
                         kind: .gauge, samples: [MetricSample(value: Double(dispatcher.awaitingRecord))]),
            MetricFamily(
                name: "webhook_attempts_total", help: "Webhook attempts finished since start, by result.", kind: .counter,
                samples: [MetricSample(labels: [("result", "delivered")], value: Double(dispatcher.attemptsDelivered)),
                          MetricSample(labels: [("result", "failed")], value: Double(dispatcher.attemptsFailed))]),
        ]
    }
}
