import HTTPServer

/// The OpenAPI 3.1 description of the API, built from the routes the Gateway actually serves, so the two cannot
/// drift apart. Served at `GET /v1/openapi.json`.
public struct OpenAPIDocument: Sendable {
    public static let openAPIVersion = "3.1.0"

    public let json: JSONValue

    /// Endpoints marked `documented: false` (browser pages) are left out.
    ///
    /// Traps on two operations with the same id or two different schemas with the same name: both would make a
    /// document that generates broken SDKs.
    public init(endpoints: [Endpoint], webhooks: [OpenAPIWebhook] = []) {
        let endpoints = endpoints.filter(\.documented)
        let operations = endpoints.map(\.operation) + webhooks.map(\.operation)
        let ids = operations.map(\.id)
        precondition(Set(ids).count == ids.count, "duplicate OpenAPI operation id in \(ids.sorted())")

        var paths = [String: [String: JSONValue]]()
        for endpoint in endpoints {
            paths[endpoint.path.openAPIPath, default: [:]][endpoint.method.rawValue.lowercased()] =
                Self.operation(endpoint.operation, endpoint: endpoint)
        }
        let webhookItems = webhooks.map { ($0.event, JSONValue.object(["post": Self.operation($0.operation, endpoint: nil)])) }
        let tags = Set(operations.map(\.tag)).sorted().map { JSONValue.object(["name": .string($0)]) }

        json = [
            "openapi": .string(Self.openAPIVersion),
            "info": [
                "title": "operator-api",
                "version": .string(APIVersion.current),
                "description": """
                    The API a trading-strategy platform gives its whitelabel operators. Every response carries \
                    `Request-Id` and `API-Version`; every error is an RFC 9457 problem document. A query parameter an \
                    operation does not list is refused with 400 `invalid_parameter` naming it. A JSON object body is \
                    also read as JSON when `Content-Type` is missing or `application/x-www-form-urlencoded` (what \
                    `curl -d` sends); any other non-JSON type gets 415. A POST with an \
                    `Idempotency-Key` header is answered once and replayed for 24 h (`Idempotent-Replayed: true`); the \
                    same key while its first request still runs gets 409 `idempotency_key_in_use` with `Retry-After: 1`.
                    """,
            ],
            "servers": [["url": "/"]],
            "tags": .array(tags),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "webhooks": .object(Dictionary(webhookItems, uniquingKeysWith: { first, _ in first })),
            "components": Self.components(schemas: operations.flatMap(\.namedSchemas)),
        ]
    }

    /// An operation as written under its path; `endpoint` is nil for webhooks, which have no path, version header,
    /// credentials or problem answers of ours.
    private static func operation(_ operation: OpenAPIOperation, endpoint: Endpoint?) -> JSONValue {
        var responses = [String: JSONValue]()
        for (status, response) in operation.responses {
            responses[String(status)] = Self.response(response, fromThisAPI: endpoint != nil)
        }
        var parameters = operation.parameters.map(\.json)
        var members: [String: JSONValue] = [
            "operationId": .string(operation.id),
            "summary": .string(operation.summary),
            "tags": [.string(operation.tag)],
        ]
        if let endpoint {
            let pathParameters: [JSONValue] = endpoint.path.parameterNames.map { name in
                ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            parameters = pathParameters + parameters + [["$ref": "#/components/parameters/APIVersion"]]
            responses["default"] = ["$ref": "#/components/responses/Problem"]
            if !endpoint.auth.accepted.isEmpty {
                responses["401"] = responses["401"] ?? ["$ref": "#/components/responses/Unauthenticated"]
                members["security"] = .array(endpoint.auth.accepted.map { [$0.securitySchemeName: []] })
            }
            if endpoint.auth.requiresCurrentCredential {
                responses["403"] = responses["403"] ?? ["$ref": "#/components/responses/CurrentKeyRequired"]
            }
        }
        members["responses"] = .object(responses)
        if !parameters.isEmpty { members["parameters"] = .array(parameters) }
        if let description = operation.description { members["description"] = .string(description) }
        if let body = operation.requestBody {
            members["requestBody"] = ["required": .bool(operation.requestBodyRequired), "content": ["application/json": ["schema": body.reference]]]
        }
        return .object(members)
    }

    /// A response object; one `fromThisAPI` carries the headers every response of ours has (a webhook's response
    /// comes from the operator's server, which does not).
    private static func response(_ response: OpenAPIResponse, fromThisAPI: Bool = true) -> JSONValue {
        var members: [String: JSONValue] = ["description": .string(response.description)]
        if fromThisAPI {
            members["headers"] = [
                "Request-Id": ["$ref": "#/components/headers/RequestId"],
                "API-Version": ["$ref": "#/components/headers/APIVersion"],
            ]
        }
        if !response.content.isEmpty {
            members["content"] = .object(response.content.mapValues { ["schema": $0.reference] })
        }
        return .object(members)
    }

    private static func components(schemas used: [OpenAPISchema]) -> JSONValue {
        var schemas = [String: JSONValue]()
        for schema in used + OpenAPISchema.problem.namedSchemas {
            let name = schema.name!
            precondition(schemas[name] == nil || schemas[name] == schema.definition, "two different schemas named \(name)")
            schemas[name] = schema.definition
        }
        let bearer = { (description: String) -> JSONValue in
            ["type": "http", "scheme": "bearer", "description": .string(description)]
        }
        return [
            "schemas": .object(schemas),
            "responses": [
                "Problem": response(.problem("An error, described as an RFC 9457 problem document.")),
                "Unauthenticated": response(.problem("Credentials are missing, malformed, invalid, expired or revoked.")),
                "CurrentKeyRequired": response(.problem(
                    "`current_key_required`: the key was rotated out. During its grace period it reads and writes data, but this needs the current key.")),
            ],
            "parameters": [
                "APIVersion": [
                    "name": .string(APIVersion.header), "in": "header", "required": false,
                    "description": "The dated API version to use; defaults to the current one. Unknown versions are refused with 400.",
                    "schema": ["type": "string", "enum": .array(APIVersion.supported.map { .string($0) })],
                ],
            ],
            "headers": [
                "RequestId": [
                    "description": "The request's id; sent back from a well-formed incoming `Request-Id`, generated otherwise.",
                    "schema": ["type": "string"],
                ],
                "APIVersion": ["description": "The API version the response follows.", "schema": ["type": "string"]],
            ],
            "securitySchemes": [
                "operatorKey": bearer("An operator's secret API key; its mode (live or test) is the mode of the request."),
                "adminToken": bearer("The platform administrators' token."),
                "clientSession": bearer("A client session token of an operator's end user."),
                "metricsToken": bearer("The token `--metrics-token` sets for `/metrics`; without it `/metrics` is open."),
            ],
        ]
    }
}
