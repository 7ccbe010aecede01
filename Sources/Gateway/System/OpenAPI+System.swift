import HTTPAPI

/// Documentation of the system endpoints: probes, metrics and this document.
extension OpenAPISchema {
    static let health = OpenAPISchema.component("Health", [
        "type": "object",
        "required": ["status"],
        "properties": ["status": JSONSchema.constant("ok")],
    ])

    static let readiness = OpenAPISchema.component("Readiness", [
        "type": "object",
        "required": ["status", "checks"],
        "properties": [
            "status": JSONSchema.constant("ok"),
            "checks": ["type": "object", "additionalProperties": JSONSchema.constant("ok"), "description": "Every check, by name."],
        ],
    ])
}

extension OpenAPIOperation {
    static let getHealth = OpenAPIOperation(
        id: "getHealth", summary: "Liveness probe",
        description: "Answers 200 while the process can serve requests; checks nothing else.",
        tag: "System", responses: [200: .json("The process is alive.", .health)])

    static let getReadiness = OpenAPIOperation(
        id: "getReadiness", summary: "Readiness probe",
        description: "Answers 200 when the database, the schema and the event bus are ready; 503 with the failing checks otherwise.",
        tag: "System",
        responses: [
            200: .json("Every readiness check passed.", .readiness),
            503: .problem("Some checks failed; `failures` lists them as `{check, reason}`."),
        ])

    static let getMetrics = OpenAPIOperation(
        id: "getMetrics", summary: "Prometheus metrics",
        tag: "System", responses: [200: .text("Metrics in the Prometheus text format 0.0.4.", contentType: "text/plain")])

    static let getOpenAPIDocument = OpenAPIOperation(
        id: "getOpenAPIDocument", summary: "This OpenAPI document",
        tag: "System",
        responses: [200: .json("The OpenAPI 3.1 description of every endpoint.", .inline(["type": "object"]))])
}
