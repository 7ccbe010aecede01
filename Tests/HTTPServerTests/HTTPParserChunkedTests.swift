import Testing
@testable import HTTPServer

@Suite struct HTTPParserChunkedTests {
    static let chunked = "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func parse_whenBodyIsChunked_joinsTheChunks() {
        let request = requests(Self.chunked + "5\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\n\r\n").first
        #expect(request?.body == Array("hello, world".utf8))
        #expect(request?.trailers == [:])
    }

    @Test func parse_whenChunkSizesAreHexInAnyCase_readsThem() {
        let data = String(repeating: "x", count: 26)
        #expect(requests(Self.chunked + "1a\r\n\(data)\r\n0\r\n\r\n").first?.body.count == 26)
        #expect(requests(Self.chunked + "1A\r\n\(data)\r\n0\r\n\r\n").first?.body.count == 26)
    }

    @Test func parse_whenChunksHaveExtensions_ignoresThem() {
        let request = requests(Self.chunked + "3;name=value;flag\r\nabc\r\n0;last=\"yes\"\r\n\r\n").first
        #expect(request?.body == Array("abc".utf8))
    }

    @Test func parse_whenTrailersFollow_collectsThemApartFromHeaders() {
        let request = requests(Self.chunked + "2\r\nok\r\n0\r\nChecksum: abc\r\nX-Extra: 1\r\n\r\n").first
        #expect(request?.trailers == ["Checksum": "abc", "X-Extra": "1"])
        #expect(request?.headers["Checksum"] == nil)
    }

    @Test func parse_whenChunkedRequestSplitAtEveryByteBoundary_yieldsSameRequest() {
        let bytes = Array((Self.chunked + "4;e=1\r\nabcd\r\n2\r\nef\r\n0\r\nT: 1\r\n\r\n" + .get("/next")).utf8)
        let whole = parse([bytes[...]])
        #expect(whole.count == 4)
        for split in 0...bytes.count {
            #expect(parse([bytes[..<split], bytes[split...]]) == whole, "split at \(split)")
        }
    }

    @Test func parse_whenChunkDataOverrunsItsSize_rejectsWith400() {
        #expect(rejection(Self.chunked + "2\r\nabc\r\n0\r\n\r\n") == 400)
    }

    @Test func parse_whenChunkSizeIsNotHex_rejectsWith400() {
        #expect(rejection(Self.chunked + "zz\r\nab\r\n0\r\n\r\n") == 400)
        #expect(rejection(Self.chunked + "\r\n") == 400)
        #expect(rejection(Self.chunked + "2 x\r\nab\r\n0\r\n\r\n") == 400)
    }

    @Test func parse_whenChunkHeaderNeverEnds_rejectsWith400() {
        #expect(rejection(Self.chunked + "1;" + String(repeating: "e", count: HTTPParser.maxChunkHeaderBytes)) == 400)
    }

    @Test func parse_whenChunkedBodyExceedsTheLimit_rejectsWith413() {
        let chunk = String(repeating: "x", count: 40)
        #expect(rejection(Self.chunked + "28\r\n\(chunk)\r\n28\r\n\(chunk)\r\n0\r\n\r\n") == 413)
        #expect(rejection(Self.chunked + "ffffffffffffffffffffffff\r\n") == 413)
    }

    @Test func parse_whenTrailerSectionExceedsTheLimit_rejectsWith431() {
        let field = "T: " + String(repeating: "t", count: testLimits.maxHeaderBytes) + "\r\n"
        #expect(rejection(Self.chunked + "0\r\n" + field + "\r\n") == 431)
    }

    @Test func parse_whenTrailerIsMalformed_rejectsWith400() {
        #expect(rejection(Self.chunked + "0\r\nno colon\r\n\r\n") == 400)
    }
}
