import HTTPAPI
import HTTPServer
import Kernel

/// The endpoints every deployment has. The ``Gateway`` adds them itself, because they report on the Gateway.
extension Endpoint {
    static let health = Endpoint(.get, "/healthz", auth: .none, operation: .getHealth)
    static let readiness = Endpoint(.get, "/readyz", auth: .none, operation: .getReadiness)
    /// `/metrics`, open unless `protected` (by `--metrics-token`).
    static func metrics(protected: Bool) -> Endpoint {
        Endpoint(.get, "/metrics", auth: protected ? AuthRequirement(accepted: [.metricsScraper]) : .none, operation: .getMetrics)
    }
    static let openAPIDocument = Endpoint(.get, "/v1/openapi.json", auth: .none, operation: .getOpenAPIDocument)
}

extension Routes {
    /// The system endpoints, in the order ``system(protectingMetrics:readiness:metrics:openAPIDocument:)`` serves
    /// them. They are known before their handlers so the metrics and the document can cover them too. `/metrics`
    /// needs the metrics token when the Gateway has an authenticator for it.
    static func systemEndpoints(protectingMetrics: Bool) -> [Endpoint] {
        [.health, .readiness, .metrics(protected: protectingMetrics), .openAPIDocument]
    }

    static func system(
        protectingMetrics: Bool, readiness checks: [ReadinessCheck], metrics: MetricsRegistry, openAPIDocument: OpenAPIDocument
    ) -> [Route] {
        let document = openAPIDocument.json.serialized()
        return [
            Route(.health) { _ in .json(["status": "ok"]) },
            Route(.readiness) { context in try await readiness(checks, context: context) },
            Route(.metrics(protected: protectingMetrics)) { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": PrometheusText.contentType], body: Array(await metrics.scrape().utf8))
            },
            Route(.openAPIDocument) { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": HTTPResponse.jsonContentType], body: document)
            },
        ]
    }

    private static func readiness(_ checks: [ReadinessCheck], context: RequestContext) async throws -> HTTPResponse {
        let outcomes = await Readiness.run(checks)
        let failed = outcomes.filter { $0.error != nil }
        guard !failed.isEmpty else {
            return .json(["status": "ok", "checks": .object(Dictionary(uniqueKeysWithValues: outcomes.map { ($0.check, "ok") }))])
        }
        for outcome in failed {
            context.logger.warning("readiness check failed", ["check": outcome.check, "error": "\(outcome.error!)"])
        }
        throw APIError(
            .notReady, "Readiness checks failing: \(failed.map(\.check).joined(separator: ", ")).",
            extensions: ["failures": .array(failed.map { outcome in
                ["check": .string(outcome.check), "reason": .string((outcome.error as? ReadinessFailure)?.reason ?? "Check failed; see the server log.")]
            })])
    }
}
