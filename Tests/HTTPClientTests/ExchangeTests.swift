import HTTPClient
import Testing

/// The client against real receivers on 127.0.0.1: keep-alive, framing, the body cap and redirects.
@Suite struct ExchangeTests {
    static func post(_ client: HTTPClient, _ url: String, body: String = "{}", maxBody: Int = 64 << 10,
                     timeout: Duration = .seconds(5)) async -> Result<HTTPClientResponse, HTTPClientError> {
        let request = HTTPClientRequest(method: "POST", url: url, headers: [("content-type", "application/json")],
                                        body: Array(body.utf8), maxResponseBodyBytes: maxBody)
        do throws(HTTPClientError) {
            return .success(try await client.execute(request, timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    @Test func manyRequests_toOneOrigin_travelOnOneKeptAliveConnection() async throws {
        let server = try ScriptedServer(), client = HTTPClient()
        for i in 0..<100 {
            let response = try await Self.post(client, server.url(), body: "\(i)").get()
            #expect(response.status == 200 && response.body == Array("ok".utf8))
        }
        #expect(server.connectionsAccepted == 1)
        #expect(server.requests.map { String(decoding: $0.body, as: UTF8.self) } == (0..<100).map(String.init))
        let first = server.requests[0]
        #expect(first.method == "POST" && first.target == "/hooks" && first.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(first.headers["content-type"] == "application/json" && first.headers["content-length"] == "1")
        client.shutdown()
        server.stop()
    }

    @Test func chunkedResponse_isDecoded_andItsConnectionReused() async throws {
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;note=x\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"
        let server = try ScriptedServer { _, _ in .send(chunked) }, client = HTTPClient()
        for _ in 0..<3 {
            let response = try await Self.post(client, server.url()).get()
            #expect(String(decoding: response.body, as: UTF8.self) == "hello, world" && !response.bodyTruncated)
        }
        #expect(server.connectionsAccepted == 1)
        client.shutdown()
        server.stop()
    }

    @Test func bodyEndedByTheClose_isReadToTheEnd_andTheNextRequestOpensANewConnection() async throws {
        let server = try ScriptedServer { _, _ in .send("HTTP/1.1 200 OK\r\n\r\nuntil the close", close: true) }, client = HTTPClient()
        for _ in 0..<2 {
            let result = await Self.post(client, server.url())
            #expect(try result.get().body == Array("until the close".utf8), "\(result)")
        }
        #expect(server.connectionsAccepted == 2)
        client.shutdown()
        server.stop()
    }

    /// A receiver that sends without end costs the cap, not the stream: the client stops reading at the cap, answers
    /// with what it kept, and closes the connection (the receiver's writes then fail).
    @Test func bodyOverTheCap_isCutThere_andTheRestNeverRead() async throws {
        let server = try ScriptedServer { n, _ in n == 1 ? .endless : .send(ScriptedServer.ok) }, client = HTTPClient()
        let response = try await Self.post(client, server.url(), maxBody: 1024).get()
        #expect(response.status == 200 && response.body.count == 1024 && response.bodyTruncated)
        await server.waitForFinishedConnections(1)
        #expect(server.bytesStreamed < 32 << 20, "the receiver could only fill the socket buffers: \(server.bytesStreamed) bytes")
        #expect(try await Self.post(client, server.url()).get().body == Array("ok".utf8))
        #expect(server.connectionsAccepted == 2, "a cut connection is never reused")
        client.shutdown()
        server.stop()
    }

    @Test func redirect_isAnsweredAsIs_andNeverFollowed() async throws {
        let elsewhere = try ScriptedServer()
        let location = elsewhere.url("/stolen")
        let server = try ScriptedServer { _, _ in .send("HTTP/1.1 302 Found\r\nLocation: \(location)\r\nContent-Length: 0\r\n\r\n") }
        let client = HTTPClient()
        let response = try await Self.post(client, server.url()).get()
        #expect(response.status == 302 && response.header("location") == location)
        #expect(elsewhere.connectionsAccepted == 0)
        client.shutdown()
        server.stop()
        elsewhere.stop()
    }

    @Test func interimResponses_areSkipped_andHeadRequestsHaveNoBody() async throws {
        let server = try ScriptedServer { n, _ in
            n == 1 ? .send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-Id: 7\r\n\r\n")
                   : .send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        }
        let client = HTTPClient()
        let interim = try await Self.post(client, server.url()).get()
        #expect(interim.status == 204 && interim.header("x-id") == "7")
        let head = try await client.execute(HTTPClientRequest(method: "HEAD", url: server.url()), timeout: .seconds(5))
        #expect(head.status == 200 && head.body.isEmpty && head.header("content-length") == "5")
        #expect(server.connectionsAccepted == 1)
        client.shutdown()
        server.stop()
    }

    @Test func garbageInsteadOfAResponse_isAMalformedResponse() async throws {
        let server = try ScriptedServer { _, _ in .send("SSH-2.0-OpenSSH_9.2\r\n\r\n") }, client = HTTPClient()
        let result = await Self.post(client, server.url())
        #expect(result.failure?.code == .malformedResponse)
        client.shutdown()
        server.stop()
    }

    @Test func requestThatWouldBreakTheFraming_isRefusedBeforeAnythingIsSent() async throws {
        let server = try ScriptedServer(), client = HTTPClient()
        for headers in [[("x-evil", "a\r\nX-Injected: 1")], [("Content-Length", "0")], [("bad name", "x")]] {
            let request = HTTPClientRequest(method: "POST", url: server.url(), headers: headers)
            await #expect(throws: HTTPClientError.self) { try await client.execute(request, timeout: .seconds(1)) }
        }
        for url in ["ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/x", "http:///x", "http://127.0.0.1:99999/"] {
            let result = await Self.post(client, url)
            #expect(result.failure?.code == .invalidRequest, "\(url)")
        }
        #expect(server.connectionsAccepted == 0)
        client.shutdown()
        server.stop()
    }
}

extension Result {
    /// The error, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
