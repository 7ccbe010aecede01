@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct RouterTests {
    static func endpoint(_ method: HTTPMethod, _ path: PathTemplate) -> Endpoint {
        Endpoint(method, path, auth: .none, operation: OpenAPIOperation(id: "\(method)\(path)", summary: "", tag: "T", responses: [:]))
    }

    let router = Router([
        endpoint(.get, "/v1/wl/users"),
        endpoint(.post, "/v1/wl/users"),
        endpoint(.get, "/v1/wl/users/:id"),
        endpoint(.delete, "/v1/wl/users/:id"),
        endpoint(.get, "/v1/wl/users/:id/strategies"),
        endpoint(.get, "/v1/wl/users/me"),
        endpoint(.get, "/"),
    ])

    func found(_ method: HTTPMethod, _ path: String) -> (route: Int, parameters: PathParameters)? {
        if case .found(let route, let parameters) = router.match(method, path: path) { return (route, parameters) }
        return nil
    }

    @Test func match_whenLiteralPath_findsItsRoute() {
        #expect(found(.get, "/v1/wl/users")?.route == 0)
        #expect(found(.post, "/v1/wl/users")?.route == 1)
        #expect(found(.get, "/")?.route == 6)
    }

    @Test func match_whenParameterSegment_capturesItByName() throws {
        let match = try #require(found(.get, "/v1/wl/users/usr_42/strategies"))
        #expect(match.route == 4)
        #expect(match.parameters["id"] == "usr_42")
    }

    @Test func match_whenParameterIsPercentEncoded_decodesIt() throws {
        #expect(try #require(found(.get, "/v1/wl/users/a%20b")).parameters["id"] == "a b")
    }

    @Test func match_prefersLiteralToParameter_andBacktracksWhenTheLiteralLeadsNowhere() throws {
        #expect(found(.get, "/v1/wl/users/me")?.route == 5)
        let strategies = try #require(found(.get, "/v1/wl/users/me/strategies"))
        #expect(strategies.route == 4)
        #expect(strategies.parameters["id"] == "me")
    }

    @Test func match_whenLiteralResourceLacksTheMethod_answers405ListingOnlyItsMethods() {
        guard case .methodNotAllowed(_, let allowed) = router.match(.delete, path: "/v1/wl/users/me") else {
            Issue.record("expected 405: the literal resource shadows the parameter")
            return
        }
        #expect(allowed == [.get, .head])
    }

    @Test func match_whenHEAD_usesTheGETRoute() {
        #expect(found(.head, "/v1/wl/users/usr_1")?.route == 2)
    }

    @Test func match_whenMethodWrong_listsAllowedMethodsWithHEAD() {
        guard case .methodNotAllowed(_, let allowed) = router.match(.put, path: "/v1/wl/users/usr_1") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.delete, .get, .head])
    }

    @Test(arguments: ["/v1/wl/nope", "/v1/wl/users/", "/v1/wl//users", "/v1/wl/users/usr_1/strategies/x", "v1/wl/users", ""])
    func match_whenNoTemplateFits_isNotFound(path: String) {
        guard case .notFound = router.match(.get, path: path) else {
            Issue.record("expected 404 for \(path)")
            return
        }
    }

    @Test func pathTemplate_spellsParametersTheOpenAPIWay() {
        let template: PathTemplate = "/v1/wl/users/:id/strategies/:strategy_id"
        #expect(template.openAPIPath == "/v1/wl/users/{id}/strategies/{strategy_id}")
        #expect(template.parameterNames == ["id", "strategy_id"])
        #expect(template.description == "/v1/wl/users/:id/strategies/:strategy_id")
    }
}
