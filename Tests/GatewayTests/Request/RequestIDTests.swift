import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing

@Suite struct RequestIDTests {
    let gateway = Gateway.make()

    @Test func requestId_whenIncomingIsWellFormed_isEchoed() async {
        let response = await gateway.handle(.make(.get, "/healthz", headers: ["Request-Id": "lb-7f3a.9_Z"]))
        #expect(response.headers["Request-Id"] == "lb-7f3a.9_Z")
    }

    @Test func requestId_whenOnlyXRequestIdSent_isEchoed() async {
        let response = await gateway.handle(.make(.get, "/healthz", headers: ["X-Request-Id": "abc123"]))
        #expect(response.headers["Request-Id"] == "abc123")
    }

    @Test(arguments: ["", "has space", "semi;colon", "ünï", String(repeating: "a", count: 129), "a\r\nSet-Cookie: x"])
    func requestId_whenIncomingIsMalformed_isReplacedByAFreshOne(incoming: String) async {
        let response = await gateway.handle(.make(.get, "/healthz", headers: ["Request-Id": incoming]))
        #expect(Identifier.isValid(response.headers["Request-Id"] ?? "", prefix: "req"))
    }

    @Test func requestId_whenNoneSent_isGeneratedPerRequest_andAlsoOnErrors() async {
        let a = await gateway.handle(.make(.get, "/healthz"))
        let b = await gateway.handle(.make(.get, "/nowhere"))
        #expect(Identifier.isValid(a.headers["Request-Id"] ?? "", prefix: "req"))
        #expect(Identifier.isValid(b.headers["Request-Id"] ?? "", prefix: "req"))
        #expect(a.headers["Request-Id"] != b.headers["Request-Id"])
        #expect(b.json["request_id"]?.string == b.headers["Request-Id"])
    }

    @Test func requestId_of128Characters_isTheLongestHonoured() async {
        let id = String(repeating: "a", count: 128)
        #expect(await gateway.handle(.make(.get, "/healthz", headers: ["Request-Id": id])).headers["Request-Id"] == id)
    }
}
