@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct ResponseHelpersTests {
    struct Widget: Encodable {
        let id: String
        let createdAt: Int
    }

    @Test func jsonEncoding_usesTheProjectEncoderWithSortedKeys() throws {
        let response = try HTTPResponse.json(encoding: Widget(id: "wid/1", createdAt: 5), status: 201)
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"createdAt":5,"id":"wid/1"}"#)
    }
}
