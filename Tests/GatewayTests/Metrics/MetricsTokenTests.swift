import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing

/// `/metrics` behind `--metrics-token` (issue 15, finding 7): with a token it answers only `Authorization: Bearer`
/// with that token; without one it stays open.
@Suite struct MetricsTokenTests {
    static let token = "metrics-token-for-tests-0123456789"

    static func gateway() -> Gateway {
        Gateway.make(authenticators: [StubAuthenticator.operatorKey(), MetricsTokenAuthenticator(token: token)])
    }

    static func scrape(_ gateway: Gateway, authorization: String?) async -> HTTPResponse {
        await gateway.handle(.make(.get, "/metrics", headers: authorization.map { ["Authorization": $0] } ?? [:]))
    }

    @Test func withAToken_metricsAnswerOnlyThatBearerToken() async {
        let gateway = Self.gateway()
        for authorization in [nil, "Bearer wrong-token-0123456789", "Bearer \(Self.token)x", "Basic \(Self.token)",
                              "Bearer \(StubAuthenticator.operatorToken)"] {
            let refused = await Self.scrape(gateway, authorization: authorization)
            #expect(refused.status == 401, "\(authorization ?? "none")")
            #expect(refused.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            #expect(!refused.text.contains("http_requests_total"))
        }
        let scraped = await Self.scrape(gateway, authorization: "Bearer \(Self.token)")
        #expect(scraped.status == 200 && scraped.text.contains("# TYPE http_requests_total counter"))
    }

    @Test func withoutAToken_metricsStayOpen() async {
        #expect(await Self.scrape(Gateway.make(), authorization: nil).status == 200)
    }

    @Test func theDocument_saysMetricsNeedTheToken_onlyWhenOneIsSet() async {
        let protected = await Self.gateway().handle(.make(.get, "/v1/openapi.json")).json
        #expect(protected["paths"]?["/metrics"]?["get"]?["security"] == [["metricsToken": []]])
        #expect(protected["components"]?["securitySchemes"]?["metricsToken"]?["scheme"] == "bearer")
        let open = await Gateway.make().handle(.make(.get, "/v1/openapi.json")).json
        #expect(open["paths"]?["/metrics"]?["get"]?["security"] == nil)
    }

    @Test func theToken_isNoOperatorCredential() async {
        let gateway = Gateway.make(routes: [.test(.get, "/v1/private", auth: .operatorKey) { _ in .ok }],
                                   authenticators: [StubAuthenticator.operatorKey(), MetricsTokenAuthenticator(token: Self.token)])
        #expect(await gateway.handle(.make(.get, "/v1/private", headers: ["Authorization": "Bearer \(Self.token)"])).status == 401)
    }
}
