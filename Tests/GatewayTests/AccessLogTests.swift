import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite struct AccessLogTests {
    @Test func handlersLogThroughTheRequestsLogger_whichCarriesItsRequestID() async throws {
        let log = LogCapture()
        let gateway = Gateway.make(routes: [.test(.post, "/v1/widgets") { context in
            context.logger.warning("widget refused", ["widget": "wid_1"])
            return .ok
        }], logger: log.logger)
        let response = await gateway.handle(.make(.post, "/v1/widgets", headers: ["Request-Id": "trace-42"]))
        let line = try #require(log.entries(message: "widget refused").first)
        #expect(line["request_id"] == "trace-42" && response.headers["Request-Id"] == "trace-42")
        #expect(line["widget"] == "wid_1" && line["level"] == "warning")
    }

    @Test func accessLog_writesOneLinePerRequestWithTheRouteTemplate() async throws {
        let log = LogCapture()
        let gateway = Gateway.make(
            routes: [.test(.get, "/v1/widgets/:id", parameters: [.query("token", "A secret.", schema: JSONSchema.string)]) { _ in .ok }],
            logger: log.logger)
        let response = await gateway.handle(.make(.get, "/v1/widgets/wid_secret_id?token=abc"))
        let line = try #require(log.entries(message: "request").first)
        #expect(line["method"] == "GET")
        #expect(line["route"] == "/v1/widgets/:id")
        #expect(line["status"] == "200")
        #expect(line["request_id"] == response.headers["Request-Id"])
        #expect(line["level"] == "info")
        let duration = try #require(line["duration_ms"].flatMap(Double.init))
        #expect(duration >= 0)
        #expect(!log.text.contains("wid_secret_id"))
        #expect(!log.text.contains("token=abc"))
    }

    @Test func accessLog_showsTheClientsAddress_asResolvedBehindTrustedProxies() async throws {
        let log = LogCapture()
        var configuration = GatewayConfiguration(logger: log.logger, trustedProxies: TrustedProxies([IPNetwork("10.0.0.0/8")!]))
        configuration.clock = ManualClock()
        let gateway = Gateway(configuration: configuration, routes: [.test(.get, "/v1/widgets") { _ in .ok }])
        for (peer, forwarded) in [("10.0.0.1", "198.51.100.7"), ("203.0.113.9", "198.51.100.8")] {
            _ = await gateway.handle(HTTPRequest(method: .get, target: "/v1/widgets", headers: ["X-Forwarded-For": forwarded], remoteAddress: peer))
        }
        #expect(log.entries(message: "request").map { $0["client"] } == ["198.51.100.7", "203.0.113.9"])
    }

    @Test func accessLog_whenNoRouteMatches_namesTheRouteUnmatched() async throws {
        let log = LogCapture()
        _ = await Gateway.make(logger: log.logger).handle(.make(.get, "/v1/users/usr_1"))
        #expect(try #require(log.entries(message: "request").first)["route"] == "unmatched")
    }

    @Test func accessLog_neverContainsTheAuthorizationHeader() async {
        let log = LogCapture()
        let gateway = Gateway.make(routes: [.test(.get, "/v1/private", auth: .operatorKey) { _ in .ok }], logger: log.logger)
        _ = await gateway.handle(.make(.get, "/v1/private", headers: ["Authorization": "Bearer \(StubAuthenticator.operatorToken)"]))
        _ = await gateway.handle(.make(.get, "/v1/private", headers: ["Authorization": "Bearer sk_test_leaked_value"]))
        #expect(log.entries(message: "request").map { $0["status"] } == ["200", "401"])
        #expect(!log.text.contains(StubAuthenticator.operatorToken))
        #expect(!log.text.contains("sk_test_leaked_value"))
        #expect(!log.text.contains("Bearer"))
    }

    @Test func durationText_hasThreeDecimals() {
        #expect(Gateway.milliseconds(.microseconds(12_345)) == "12.345")
        #expect(Gateway.milliseconds(.microseconds(7)) == "0.007")
        #expect(Gateway.milliseconds(.seconds(2)) == "2000.000")
    }
}
