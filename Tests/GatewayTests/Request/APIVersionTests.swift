import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct APIVersionTests {
    let gateway = Gateway.make()

    @Test func version_whenNoneRequested_answersWithTheCurrentOne() async {
        #expect(await gateway.handle(.make(.get, "/healthz")).headers["API-Version"] == "2026-11-01")
        #expect(APIVersion.supported.contains(APIVersion.current))
    }

    @Test func version_whenSupportedOneRequested_isAccepted() async {
        let response = await gateway.handle(.make(.get, "/healthz", headers: ["API-Version": APIVersion.current]))
        #expect(response.status == 200)
        #expect(response.headers["API-Version"] == APIVersion.current)
    }

    @Test func version_whenUnknownOneRequested_answers400Problem() async {
        let response = await gateway.handle(.make(.get, "/healthz", headers: ["API-Version": "2019-01-01"]))
        #expect(response.status == 400)
        #expect(response.json["code"] == "unsupported_api_version")
        #expect(response.json["detail"] == "The requested API-Version is not supported. Supported versions: 2026-11-01.")
        #expect(response.headers["API-Version"] == APIVersion.current)
    }

    @Test func everyResponse_carriesTheStandardHeaders() async {
        for response in [await gateway.handle(.make(.get, "/healthz")), await gateway.handle(.make(.get, "/nowhere"))] {
            #expect(response.headers["API-Version"] == APIVersion.current)
            #expect(response.headers["Cache-Control"] == "no-store")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        }
    }

    @Test func version_whenHandlerChoseOne_isKept() async {
        let pinned = Gateway.make(routes: [.test(.get, "/v1/pinned") { _ in HTTPResponse(status: 204, headers: ["API-Version": "2025-01-01"]) }])
        #expect(await pinned.handle(.make(.get, "/v1/pinned")).headers["API-Version"] == "2025-01-01")
    }
}
