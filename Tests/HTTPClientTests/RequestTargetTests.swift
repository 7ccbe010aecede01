@testable import HTTPClient
import Testing

/// URLs as the client splits them, and requests as it writes them.
@Suite struct RequestTargetTests {
    @Test func urls_splitIntoOriginAndTarget() throws {
        let plain = try #require(RequestTarget("http://Hooks.Example.com/a/b?c=d#frag"))
        #expect(plain.origin == Origin(scheme: .http, host: "hooks.example.com", port: 80) && plain.target == "/a/b?c=d")
        let secure = try #require(RequestTarget("HTTPS://[2001:DB8::1]:8443"))
        #expect(secure.origin == Origin(scheme: .https, host: "2001:db8::1", port: 8443) && secure.target == "/")
        #expect(secure.origin.hostField == "[2001:db8::1]:8443" && secure.origin.literalAddress == IPAddress("2001:db8::1"))
        #expect(try #require(RequestTarget("https://h.test:443?x")).target == "/?x")
        #expect(try #require(RequestTarget("https://h.test:443/")).origin.hostField == "h.test")
    }

    @Test(arguments: ["ftp://h/", "http:/h/", "http://", "http://u@h/", "http://h:0/", "http://h:65536/", "http://h:8x/",
                      "http://[::1/", "http://[nothex]/", "http://h/a b", "http://h/\u{e9}", "http://h h/", "http://h%2e/"])
    func urlsTheClientCannotSendTo_areRefused(url: String) {
        #expect(RequestTarget(url) == nil)
    }

    @Test func request_isWrittenWithHostAndLength() throws {
        let target = try #require(RequestTarget("http://h.test:8080/hooks"))
        let bytes = try RequestEncoder.encode(HTTPClientRequest(method: "POST", url: "", headers: [("X-A", "1")], body: Array("{}".utf8)), to: target)
        #expect(String(decoding: bytes, as: UTF8.self) == "POST /hooks HTTP/1.1\r\nHost: h.test:8080\r\nX-A: 1\r\nContent-Length: 2\r\n\r\n{}")
        let get = try RequestEncoder.encode(HTTPClientRequest(url: ""), to: target)
        #expect(String(decoding: get, as: UTF8.self) == "GET /hooks HTTP/1.1\r\nHost: h.test:8080\r\n\r\n")
    }
}
