import Foundation
import Testing
@testable import HTTPServer

@Suite struct ResponseEncoderTests {
    static let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)
    static let keepAlive = ConnectionStateMachine.ResponseContext(version: .http11, keepAlive: true, isHead: false)

    static func encode(_ response: HTTPResponse, _ context: ConnectionStateMachine.ResponseContext = keepAlive) -> (head: String, body: [UInt8]) {
        let (head, body) = ResponseEncoder.encode(response, context: context, date: date)
        return (String(decoding: head, as: UTF8.self), body)
    }

    @Test func encode_always_addsDateAndContentLength() {
        let (head, body) = Self.encode(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("pong".utf8)))
        #expect(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 4\r\n\r\n")
        #expect(body == Array("pong".utf8))
    }

    @Test func encode_whenBodyIsEmpty_saysContentLengthZero() {
        #expect(Self.encode(HTTPResponse(status: 404)).head.contains("Content-Length: 0\r\n"))
    }

    @Test func encode_whenRequestWasHEAD_keepsTheLengthButNotTheBody() {
        let (head, body) = Self.encode(HTTPResponse(status: 200, body: Array("hello".utf8)), .init(version: .http11, keepAlive: true, isHead: true))
        #expect(head.contains("Content-Length: 5\r\n"))
        #expect(body.isEmpty)
    }

    @Test func encode_whenHEADHandlerOnlyDeclaredALength_keepsTheDeclaredLength() {
        let (head, _) = Self.encode(HTTPResponse(status: 200, headers: ["Content-Length": "1234"]), .init(version: .http11, keepAlive: true, isHead: true))
        #expect(head.contains("Content-Length: 1234\r\n"))
    }

    @Test func encode_whenStatusIs204_sendsNeitherLengthNorBody() {
        let (head, body) = Self.encode(HTTPResponse(status: 204, body: Array("ignored".utf8)))
        #expect(!head.contains("Content-Length"))
        #expect(body.isEmpty)
    }

    @Test func encode_whenStatusIs304_sendsNoBody() {
        let (head, body) = Self.encode(HTTPResponse(status: 304, body: Array("ignored".utf8)))
        #expect(!head.contains("Content-Length"))
        #expect(body.isEmpty)
    }

    @Test func encode_whenClosing_saysConnectionClose() {
        #expect(Self.encode(HTTPResponse(status: 200), .closing).head.contains("Connection: close\r\n"))
    }

    @Test func encode_whenHTTP10KeepsAlive_saysKeepAlive() {
        let head = Self.encode(HTTPResponse(status: 200), .init(version: .http10, keepAlive: true, isHead: false)).head
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(head.contains("Connection: keep-alive\r\n"))
    }

    @Test func encode_whenHTTP11KeepsAlive_addsNoConnectionField() {
        #expect(!Self.encode(HTTPResponse(status: 200)).head.contains("Connection"))
    }

    @Test func encode_whenHandlerSetsFramingFields_replacesThem() {
        let response = HTTPResponse(status: 200, headers: ["Content-Length": "99", "Transfer-Encoding": "chunked", "Connection": "keep-alive"], body: [1, 2])
        let head = Self.encode(response).head
        #expect(head.contains("Content-Length: 2\r\n"))
        #expect(!head.contains("Content-Length: 99"))
        #expect(!head.contains("Transfer-Encoding"))
        #expect(!head.contains("Connection"))
    }

    @Test func encode_whenHandlerSetsDate_keepsItsDate() {
        let head = Self.encode(HTTPResponse(status: 200, headers: ["Date": "Mon, 01 Jan 2024 00:00:00 GMT"])).head
        #expect(head.components(separatedBy: "Date:").count == 2)
        #expect(head.contains("Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"))
    }

    @Test func encode_whenFieldWouldSplitTheResponse_neutralisesIt() {
        let head = Self.encode(HTTPResponse(status: 200, headers: ["X-Evil": "a\r\nSet-Cookie: b", "Bad Name": "x"])).head
        #expect(head.contains("X-Evil: a  Set-Cookie: b\r\n"))
        #expect(!head.contains("Bad Name"))
    }

    @Test func encode_whenStatusIsUnknown_sendsAnEmptyReason() {
        #expect(Self.encode(HTTPResponse(status: 299)).head.hasPrefix("HTTP/1.1 299 \r\n"))
    }

    @Test func httpDate_formatsIMFFixdate() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == Self.date)
        #expect(String(decoding: HTTPDate.format(secondsSince1970: 0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func problem_whenBuilt_isRFC9457JSON() throws {
        let response = HTTPResponse.problem(status: 413, detail: "Too \"big\"\n\u{1}", extensions: [(name: "requestId", value: "r-1")])
        #expect(response.status == 413)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["type"] as? String == "about:blank")
        #expect(json["title"] as? String == "Content Too Large")
        #expect(json["status"] as? Int == 413)
        #expect(json["detail"] as? String == "Too \"big\"\n\u{1}")
        #expect(json["requestId"] as? String == "r-1")
    }
}
