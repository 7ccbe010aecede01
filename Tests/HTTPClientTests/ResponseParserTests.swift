@testable import HTTPClient
import Testing

/// The response parser as a value: framing, keep-alive, the body cap, whatever the byte boundaries.
@Suite struct ResponseParserTests {
    /// Feeds `text` in pieces of `step` bytes (then the close, when `close`), and returns the first event.
    static func parse(_ text: String, step: Int = .max, maxBody: Int = 1 << 20, head: Bool = false, close: Bool = false) -> ResponseParser.Event? {
        var parser = ResponseParser(maxHeaderBytes: 1024)
        parser.expectResponse(isHeadRequest: head, maxBodyBytes: maxBody)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let piece = bytes[offset..<min(bytes.count, offset + min(step, parser.preferredReadSize))]
            parser.buffer.append(piece)
            offset += piece.count
            if let event = parser.next() { return event }
        }
        return close ? parser.inputEnded() : nil
    }

    static func response(_ event: ResponseParser.Event?) -> (status: Int, body: String, truncated: Bool, reusable: Bool)? {
        guard case .response(let response, let reusable) = event else { return nil }
        return (response.status, String(decoding: response.body, as: UTF8.self), response.bodyTruncated, reusable)
    }

    @Test(arguments: [1, 2, 3, 7, 4096])
    func contentLengthAndChunkedBodies_parseTheSameWhateverTheBoundaries(step: Int) {
        let fixed = Self.response(Self.parse("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", step: step))
        #expect(fixed?.status == 201 && fixed?.body == "hello" && fixed?.reusable == true)
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;a=b\r\nhello\r\n1\n,\n6\r\n world\r\n0\r\nT: v\r\n\r\n"
        let decoded = Self.response(Self.parse(chunked, step: step))
        #expect(decoded?.body == "hello, world" && decoded?.reusable == true)
    }

    @Test func headersAreLowerCasedAndKeptInOrder() throws {
        guard case .response(let response, _) = Self.parse("HTTP/1.1 429 Too Many\r\nRetry-After: 30\r\nX-Two: 1\r\nx-two: 2\r\nContent-Length: 0\r\n\r\n") else {
            Issue.record("no response"); return
        }
        #expect(response.status == 429 && response.header("retry-after") == "30")
        #expect(response.headers.filter { $0.name == "x-two" }.map(\.value) == ["1", "2"])
    }

    @Test func bodyEndedByTheClose_completesOnlyAtTheClose_andIsNotReusable() {
        #expect(Self.parse("HTTP/1.1 200 OK\r\n\r\nuntil close") == nil)
        let closed = Self.response(Self.parse("HTTP/1.1 200 OK\r\n\r\nuntil close", close: true))
        #expect(closed?.body == "until close" && closed?.reusable == false && closed?.truncated == false)
    }

    @Test func responsesWithoutBodies_endAtTheirHead() {
        #expect(Self.response(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", head: true))?.body == "")
        #expect(Self.response(Self.parse("HTTP/1.1 204 No Content\r\n\r\n"))?.reusable == true)
        #expect(Self.response(Self.parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"))?.status == 304)
    }

    @Test func interimResponses_areSkipped_butASwitchIsRefused() {
        #expect(Self.response(Self.parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early\r\nLink: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))?.status == 200)
        #expect(Self.parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n") == .failure("the server switched protocols unasked"))
    }

    @Test func keepAlive_followsTheVersionAndConnectionField() {
        #expect(Self.response(Self.parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))?.reusable == false)
        #expect(Self.response(Self.parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))?.reusable == false)
        #expect(Self.response(Self.parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"))?.reusable == true)
        // Both framings at once: chunked wins and the connection is not trusted again (RFC 9112 §6.1).
        let both = Self.response(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"))
        #expect(both?.body == "ok" && both?.reusable == false)
        // Bytes after the response: not a connection to send another request on.
        #expect(Self.response(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"))?.reusable == false)
    }

    @Test(arguments: [
        "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n", "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n",
    ])
    func malformedResponses_fail(text: String) {
        guard case .failure = Self.parse(text) else { Issue.record("accepted \(text.debugDescription)"); return }
    }

    @Test func headLargerThanTheLimit_fails() {
        let huge = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n"
        #expect(Self.parse(huge) == .failure("the response head exceeds 1024 bytes"))
    }

    @Test func bodyCutShortByTheClose_isNoResponse() {
        #expect(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", close: true) == nil)
        #expect(Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", close: true) == nil)
    }

    @Test func bodyOverTheCap_isTruncatedThere_inEveryFraming() {
        let fixed = Self.response(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", maxBody: 4))
        #expect(fixed?.body == "0123" && fixed?.truncated == true && fixed?.reusable == false)
        let exact = Self.response(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n0123", maxBody: 4))
        #expect(exact?.truncated == false && exact?.reusable == true)
        let chunked = Self.response(Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n012\r\n3\r\n345\r\n0\r\n\r\n", maxBody: 4))
        #expect(chunked?.body == "0123" && chunked?.truncated == true)
        let chunkedExact = Self.response(Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n0123\r\n0\r\n\r\n", maxBody: 4))
        #expect(chunkedExact?.truncated == false && chunkedExact?.reusable == true)
        let untilClose = Self.response(Self.parse("HTTP/1.1 200 OK\r\n\r\n0123456789", maxBody: 4))
        #expect(untilClose?.body == "0123" && untilClose?.truncated == true)
        let untilCloseExact = Self.response(Self.parse("HTTP/1.1 200 OK\r\n\r\n0123", maxBody: 4, close: true))
        #expect(untilCloseExact?.truncated == false)
    }

    /// Within a body the parser never asks for more than it keeps (and one byte, where that tells the end).
    @Test func readsWithinABody_neverAskForMoreThanIsKept() {
        var parser = ResponseParser(maxHeaderBytes: 1024)
        parser.expectResponse(isHeadRequest: false, maxBodyBytes: 100)
        parser.buffer.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n0123456789".utf8))
        #expect(parser.next() == nil)
        #expect(parser.preferredReadSize == 90)
        parser.expectResponse(isHeadRequest: false, maxBodyBytes: 100)
        parser.buffer.append(Array("HTTP/1.1 200 OK\r\n\r\n".utf8))
        #expect(parser.next() == nil)
        #expect(parser.preferredReadSize == 101)
    }
}
