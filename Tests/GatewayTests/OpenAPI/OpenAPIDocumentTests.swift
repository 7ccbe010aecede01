import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct OpenAPIDocumentTests {
    static let widget = OpenAPISchema.component("Widget", [
        "type": "object", "required": ["id"], "properties": ["id": ["type": "string"]],
    ])
    static let newWidget = OpenAPISchema.component("NewWidget", [
        "type": "object", "required": ["name"], "properties": ["name": ["type": "string"]], "additionalProperties": false,
    ])

    /// An area as a later issue writes one: routes with auth, a body and a list.
    static let widgetRoutes: [Route] = [
        Route(.get, "/v1/wl/widgets", auth: .operatorKey, operation: OpenAPIOperation(
            id: "listWidgets", summary: "List widgets", tag: "Widgets",
            parameters: [.query("limit", "Page size.", schema: ["type": "integer", "minimum": 1, "maximum": 100])],
            responses: [200: .json("A page of widgets.", .list(of: widget))])) { _ in .ok },
        Route(.post, "/v1/wl/widgets", auth: .operatorKey, operation: OpenAPIOperation(
            id: "createWidget", summary: "Create a widget", tag: "Widgets", requestBody: newWidget,
            responses: [201: .json("The widget.", widget)])) { _ in .ok },
        Route(.get, "/v1/wl/widgets/:id", auth: AuthRequirement(accepted: [.operatorKey, .clientSession]), operation: OpenAPIOperation(
            id: "getWidget", summary: "Get a widget", tag: "Widgets", responses: [200: .json("The widget.", widget)])) { _ in .ok },
    ]

    static let webhook = OpenAPIWebhook(event: "widget.created", operation: OpenAPIOperation(
        id: "widgetCreated", summary: "A widget was created", tag: "Widgets", requestBody: widget,
        responses: [200: .empty("Acknowledged.")]))

    let gateway = Gateway.make(
        routes: widgetRoutes,
        authenticators: [StubAuthenticator.operatorKey(), StubAuthenticator(kind: .clientSession, tokens: [:])],
        webhooks: [webhook])

    func document() async -> JSONValue {
        await gateway.handle(.make(.get, "/v1/openapi.json")).json
    }

    @Test func document_documentsExactlyTheServedRoutes() async throws {
        guard case .object(let paths)? = await document()["paths"] else {
            Issue.record("no paths")
            return
        }
        var documented = Set<String>()
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let served = Set(gateway.endpoints.filter(\.documented).map { "\($0.method) \($0.path.openAPIPath)" })
        #expect(documented == served)
        #expect(served.isSuperset(of: ["GET /healthz", "GET /readyz", "GET /metrics", "GET /v1/openapi.json", "GET /v1/wl/widgets/{id}"]))
        for endpoint in gateway.endpoints {
            let response = await gateway.handle(.make(endpoint.method, endpoint.path.openAPIPath.replacingOccurrences(of: "{id}", with: "x")))
            #expect(response.status != 404, "\(endpoint.method) \(endpoint.path) is documented but not routed")
        }
    }

    @Test func document_leavesOutEndpointsMarkedUndocumented() {
        let page = Endpoint(.get, "/dashboard", auth: .none, operation: OpenAPIOperation(
            id: "dashboardPage", summary: "A page", tag: "Dashboard", responses: [200: .empty("HTML.")]), documented: false)
        let document = OpenAPIDocument(endpoints: [page] + Self.widgetRoutes.map(\.endpoint)).json
        #expect(document["paths"]?["/dashboard"] == nil && document["paths"]?["/v1/wl/widgets"] != nil)
        #expect(document["tags"] == [["name": "Widgets"]])
    }

    @Test func document_isAnOpenAPI31DocumentWithSharedComponents() async {
        let doc = await document()
        #expect(doc["openapi"] == "3.1.0")
        #expect(doc["info"]?["title"] == "operator-api")
        #expect(doc["info"]?["version"] == .string(APIVersion.current))
        #expect(doc["servers"] == [["url": "/"]])
        #expect(doc["tags"] == [["name": "System"], ["name": "Widgets"]])
        let components = doc["components"]
        #expect(components?["securitySchemes"]?["operatorKey"]?["scheme"] == "bearer")
        #expect(components?["securitySchemes"]?["adminToken"]?["type"] == "http")
        #expect(components?["securitySchemes"]?["clientSession"] != nil)
        for name in ["Problem", "FieldError", "WidgetList", "Health", "Readiness", "Widget", "NewWidget"] {
            #expect(components?["schemas"]?[name] != nil, "missing schema \(name)")
        }
    }

    @Test func document_everyReferenceResolves() async {
        let doc = await document()
        var references = [String]()
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if case .string(let ref)? = members["$ref"] { references.append(ref) }
                members.values.forEach(collect)
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(doc)
        #expect(references.count > 10)
        for reference in Set(references) {
            let target = reference.dropFirst(2).split(separator: "/").reduce(Optional(doc)) { $0?[String($1)] }
            #expect(target != nil, "\(reference) does not resolve")
        }
    }

    @Test func operation_carriesPathParametersSecurityAndStandardResponses() async {
        let doc = await document()
        let get = doc["paths"]?["/v1/wl/widgets/{id}"]?["get"]
        #expect(get?["operationId"] == "getWidget")
        #expect(get?["parameters"] == [
            ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]],
            ["$ref": "#/components/parameters/APIVersion"],
        ])
        #expect(get?["security"] == [["operatorKey": []], ["clientSession": []]])
        #expect(get?["responses"]?["401"] == ["$ref": "#/components/responses/Unauthenticated"])
        #expect(get?["responses"]?["default"] == ["$ref": "#/components/responses/Problem"])
        #expect(get?["responses"]?["200"]?["headers"]?["Request-Id"] == ["$ref": "#/components/headers/RequestId"])

        let health = doc["paths"]?["/healthz"]?["get"]
        #expect(health?["security"] == nil)
        #expect(health?["responses"]?["401"] == nil)

        let create = doc["paths"]?["/v1/wl/widgets"]?["post"]
        #expect(create?["requestBody"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/NewWidget"])
        let list = doc["paths"]?["/v1/wl/widgets"]?["get"]
        #expect(list?["parameters"]?.arrayCount == 2)
        #expect(list?["responses"]?["200"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/WidgetList"])
        #expect(doc["components"]?["schemas"]?["WidgetList"]?["properties"]?["data"]?["items"] == ["$ref": "#/components/schemas/Widget"])
    }

    @Test func document_listsWebhooksUnderTheirEventType() async {
        let doc = await document()
        #expect(doc["webhooks"]?["widget.created"]?["post"]?["operationId"] == "widgetCreated")
        #expect(doc["webhooks"]?["widget.created"]?["post"]?["parameters"] == nil)
        #expect(doc["webhooks"]?["widget.created"]?["post"]?["responses"]?["200"] == ["description": "Acknowledged."])
        #expect(Gateway.make().endpoints.count == 4)
        #expect(await Gateway.make().handle(.make(.get, "/v1/openapi.json")).json["webhooks"] == [:])
    }
}

extension JSONValue {
    var arrayCount: Int? { if case .array(let elements) = self { elements.count } else { nil } }
}
