import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct GatewayRoutingTests {
    let gateway = Gateway.make(routes: [
        .test(.get, "/v1/widgets/:id", parameters: [.query("expand", "Related objects to include.", schema: JSONSchema.string)]) { context in
            .json(["id": .string(context.parameters["id"])])
        },
        .test(.post, "/v1/widgets") { _ in .json(["created": true], status: 201) },
    ])

    @Test func route_whenPathHasParameter_handsItToTheHandler() async {
        let response = await gateway.handle(.make(.get, "/v1/widgets/wid_7"))
        #expect(response.status == 200)
        #expect(response.json["id"] == "wid_7")
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func route_whenPathUnknown_answers404Problem() async {
        let response = await gateway.handle(.make(.get, "/v1/gadgets"))
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.json["code"] == "not_found")
        #expect(response.json["detail"] == "No endpoint matches GET /v1/gadgets.")
    }

    @Test func route_whenMethodWrong_answers405WithAllow() async {
        let response = await gateway.handle(.make(.delete, "/v1/widgets"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "POST")
        #expect(response.json["code"] == "method_not_allowed")
    }

    @Test func route_whenHEAD_isServedByTheGETRoute() async {
        let response = await gateway.handle(.make(.head, "/v1/widgets/wid_7"))
        #expect(response.status == 200)
        #expect(response.headers["Request-Id"] != nil)
    }

    @Test func route_whenQueryStringPresent_matchesOnThePathAlone() async {
        let response = await gateway.handle(.make(.get, "/v1/widgets/wid_7?expand=parts"))
        #expect(response.status == 200)
    }

    @Test func query_whenAParameterIsNotTheRoutes_answers400NamingIt() async {
        let response = await gateway.handle(.make(.get, "/v1/widgets/wid_7?expand=parts&colour=red&size=9"))
        #expect(response.status == 400)
        #expect(response.json["code"] == "invalid_parameter")
        #expect(response.json["detail"] == "Unknown query parameters: colour, size.")
        #expect(response.json["errors"] == [
            ["field": "colour", "message": "Unknown query parameter."], ["field": "size", "message": "Unknown query parameter."],
        ])
        let undeclared = await gateway.handle(.make(.post, "/v1/widgets?dry_run=true"))
        #expect(undeclared.status == 400 && undeclared.json["detail"] == "Unknown query parameter: dry_run.", "a route declaring none takes none")
    }
}
