import Testing
@testable import HTTPServer

@Suite struct HTTPParserRejectionTests {
    /// A request the parser must refuse, with the status RFC 9112/9110 (or the limits) call for.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var request: String
        var status: Int
        var testDescription: String { "\(name) → \(status)" }
    }

    static let cases: [Case] = [
        Case(name: "request line without version", request: "GET /\r\n\r\n", status: 400),
        Case(name: "lowercase protocol name", request: "GET / http/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "two-digit minor version", request: "GET / HTTP/1.10\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "space inside target", request: "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "control character in target", request: "GET /\u{1}a HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "raw UTF-8 in target", request: "GET /é HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "method that is not a token", request: "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "target neither path nor URI", request: "GET example HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "asterisk without OPTIONS", request: "GET * HTTP/1.1\r\nHost: h\r\n\r\n", status: 400),
        Case(name: "HTTP/2.0", request: "GET / HTTP/2.0\r\nHost: h\r\n\r\n", status: 505),
        Case(name: "HTTP/0.9 version", request: "GET / HTTP/0.9\r\n\r\n", status: 505),
        Case(name: "CONNECT", request: "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n", status: 501),
        Case(name: "field without colon", request: "GET / HTTP/1.1\r\nHost: h\r\nBroken\r\n\r\n", status: 400),
        Case(name: "whitespace before colon", request: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", status: 400),
        Case(name: "empty field name", request: "GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n", status: 400),
        Case(name: "obsolete line folding", request: "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  b\r\n\r\n", status: 400),
        Case(name: "control character in value", request: "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", status: 400),
        Case(name: "bare CR in value", request: "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", status: 400),
        Case(name: "HTTP/1.1 without Host", request: "GET / HTTP/1.1\r\n\r\n", status: 400),
        Case(name: "two Host fields", request: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        Case(name: "Content-Length with Transfer-Encoding", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "Transfer-Encoding with Content-Length", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", status: 400),
        Case(name: "two Content-Length fields", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", status: 400),
        Case(name: "Content-Length list", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc", status: 400),
        Case(name: "Content-Length not a number", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n", status: 400),
        Case(name: "negative Content-Length", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", status: 400),
        Case(name: "signed Content-Length", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc", status: 400),
        Case(name: "empty Content-Length", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", status: 400),
        Case(name: "Content-Length over the limit", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65\r\n\r\n", status: 413),
        Case(name: "Content-Length beyond Int", request: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", status: 413),
        Case(name: "unsupported transfer coding", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501),
        Case(name: "unsupported coding before chunked", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Case(name: "chunked twice", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "empty Transfer-Encoding", request: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \r\n\r\n", status: 400),
        Case(name: "Transfer-Encoding in HTTP/1.0", request: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        Case(name: "unknown expectation", request: "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n", status: 417),
        Case(name: "target over the limit", request: "GET /" + String(repeating: "u", count: 64) + " HTTP/1.1\r\nHost: h\r\n\r\n", status: 414),
        Case(name: "unfinished target over the limit", request: "GET /" + String(repeating: "u", count: 200), status: 414),
        Case(name: "bad method before a target over the limit", request: "G(T /" + String(repeating: "u", count: 150) + " HTTP/1.1\r\nHost: h\r\n\r\n", status: 414),
        Case(name: "unfinished request line without spaces", request: String(repeating: "X", count: 200), status: 400),
        Case(name: "header section over the limit", request: "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 300) + "\r\n\r\n", status: 431),
        Case(name: "unfinished header section over the limit", request: "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 300), status: 431),
    ]

    @Test(arguments: cases)
    func parse_whenRequestBreaksTheRules_rejectsWithItsStatus(_ rule: Case) {
        #expect(rejection(rule.request) == rule.status)
    }

    /// Found by the fuzzer: a request line of exactly the longest length was refused when its CR arrived before its LF.
    @Test func parse_whenLongestRequestLineArrivesByteByByte_decidesAsWhenWhole() {
        let method = String(repeating: "M", count: HTTPParser.requestLineOverhead - 10)
        let bytes = Array((method + " /" + String(repeating: "u", count: 63) + " HTTP/1.1\r\nHost: h\r\n\r\n").utf8)
        #expect(parse(bytes.indices.map { bytes[$0...$0] }) == parse([bytes[...]]))
    }

    @Test(arguments: cases)
    func parse_whenRejectedRequestArrivesByteByByte_rejectsWithSameStatus(_ rule: Case) {
        let bytes = Array(rule.request.utf8)
        let events = parse(bytes.indices.map { bytes[$0...$0] })
        #expect(events.last == .failure(status: rule.status))
    }
}
