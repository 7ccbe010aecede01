import Testing
@testable import HTTPServer

@Suite struct HTTPParserTests {
    static let postWithBody = "POST /orders?id=7&x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"qty\": 1234}"

    @Test func parse_whenRequestIsWhole_yieldsHeadThenRequest() throws {
        let events = parse(Self.postWithBody)
        #expect(events.count == 2)
        #expect(events.first == .head(method: "POST", target: "/orders?id=7&x=1", keepAlive: true, expectsContinue: false))
        guard case .request(let request) = events.last else { Issue.record("no request in \(events)"); return }
        #expect(request.method == "POST")
        #expect(request.path == "/orders")
        #expect(request.query == "id=7&x=1")
        #expect(request.version == .http11)
        #expect(request.headers == ["Host": "example.com", "Content-Type": "application/json", "Content-Length": "13"])
        #expect(request.body == Array("{\"qty\": 1234}".utf8))
    }

    @Test func parse_whenSplitAtEveryByteBoundary_yieldsSameRequest() {
        let bytes = Array(Self.postWithBody.utf8)
        let whole = parse([bytes[...]])
        for split in 0...bytes.count {
            #expect(parse([bytes[..<split], bytes[split...]]) == whole, "split at \(split)")
        }
    }

    @Test func parse_whenFedOneByteAtATime_yieldsSameEvents() {
        let text = Self.postWithBody + .get("/second") + "POST /third HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n"
        let bytes = Array(text.utf8)
        let whole = parse([bytes[...]])
        #expect(whole.count == 6)
        #expect(parse(bytes.indices.map { bytes[$0...$0] }) == whole)
    }

    @Test func parse_whenRequestsArePipelined_yieldsThemInOrder() {
        let targets = requests(.get("/1") + .get("/2") + .get("/3")).map(\.target)
        #expect(targets == ["/1", "/2", "/3"])
    }

    @Test func parse_whenEmptyLinesPrecedeRequestLine_ignoresThem() {
        #expect(requests("\r\n\r\n" + .get("/")).map(\.target) == ["/"])
    }

    @Test func parse_whenLinesEndWithBareLF_acceptsThem() {
        #expect(requests("GET /lf HTTP/1.1\nHost: h\n\n").map(\.target) == ["/lf"])
    }

    @Test func parse_whenFieldValueHasSurroundingWhitespace_trimsIt() {
        #expect(requests("GET / HTTP/1.1\r\nHost:  \t h \t\r\nX-Empty:\r\n\r\n").first?.headers == ["Host": "h", "X-Empty": ""])
    }

    @Test func parse_whenTargetIsAbsolute_usesItsPathAndQuery() {
        let request = requests("GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n").first
        #expect(request?.target == "http://example.com:8080/a/b?c=d")
        #expect(request?.path == "/a/b")
        #expect(request?.query == "c=d")
        #expect(requests("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").first?.path == "/")
    }

    @Test func parse_whenTargetIsAsteriskForOptions_acceptsIt() {
        #expect(requests("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first?.target == "*")
    }

    @Test func parse_whenMinorVersionIsNewer_servesAsHTTP11() {
        #expect(requests("GET / HTTP/1.7\r\nHost: h\r\n\r\n").first?.version == .http11)
    }

    @Test func parse_whenHTTP10_keepsAliveOnlyWhenAsked() {
        #expect(parse("GET / HTTP/1.0\r\n\r\n").first == .head(method: "GET", target: "/", keepAlive: false, expectsContinue: false))
        #expect(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first == .head(method: "GET", target: "/", keepAlive: true, expectsContinue: false))
        #expect(requests("GET / HTTP/1.0\r\n\r\n").first?.version == .http10)
    }

    @Test func parse_whenHTTP11AsksToClose_doesNotKeepAlive() {
        #expect(parse(.get("/", "Connection: keep-alive, close\r\n")).first == .head(method: "GET", target: "/", keepAlive: false, expectsContinue: false))
    }

    @Test func parse_whenExpectContinue_flagsTheHeadBeforeTheBodyArrives() {
        let events = parse("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n")
        #expect(events == [.head(method: "PUT", target: "/x", keepAlive: true, expectsContinue: true)])
    }

    @Test func parse_whenHTTP10SendsExpect_ignoresIt() {
        #expect(parse("GET / HTTP/1.0\r\nExpect: something\r\n\r\n").first == .head(method: "GET", target: "/", keepAlive: false, expectsContinue: false))
    }

    @Test func parse_whenBodyIsExactlyTheLimit_acceptsIt() {
        let body = String(repeating: "b", count: testLimits.maxBodyBytes)
        #expect(requests("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.count)\r\n\r\n\(body)").first?.body.count == body.count)
    }

    @Test func parse_whenHeaderSectionIsExactlyTheLimit_acceptsIt() {
        // "Host: h\r\n" (9) + "X: …\r\n" + "\r\n" (2) = 256
        let filler = String(repeating: "f", count: testLimits.maxHeaderBytes - 9 - 2 - 5)
        #expect(requests("GET / HTTP/1.1\r\nHost: h\r\nX: \(filler)\r\n\r\n").count == 1)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX: \(filler)f\r\n\r\n") == 431)
    }

    @Test func parse_afterAFailure_repeatsIt() {
        var parser = HTTPParser(limits: testLimits)
        parser.buffer.append(Array("BAD\r\n".utf8) + Array(String.get("/").utf8))
        guard case .failure(let first)? = parser.next(), case .failure(let second)? = parser.next() else {
            Issue.record("expected failures")
            return
        }
        #expect(first == second)
    }

    @Test func parse_whenMethodIsUnknownToken_passesItThrough() {
        #expect(requests("PURGE /cache HTTP/1.1\r\nHost: h\r\n\r\n").first?.method == "PURGE")
    }
}
