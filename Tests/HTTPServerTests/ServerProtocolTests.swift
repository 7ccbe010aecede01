import Foundation
import Testing
import HTTPServer

@Suite struct ServerProtocolTests {
    @Test func server_whenThreeRequestsArriveInOneWrite_answersThemInOrder() async throws {
        try await withServer { port, _ in
            let bodies = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/first") + .get("/second") + .get("/third"))
                return try (0..<3).map { _ in try client.readResponse().text }
            }
            #expect(bodies == ["GET /first", "GET /second", "GET /third"])
        }
    }

    @Test func server_namesItsIOThreadsForTopAndPerf() async throws {
        try await withServer { port, _ in
            // An answered request has run on an I/O thread, which names itself before its loop starts.
            _ = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return try client.readResponse().text
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap {
                (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
            }
            #expect(names.contains { $0.hasPrefix("http-io-") })
        }
    }

    @Test func server_whenPipelinedHandlersFinishOutOfOrder_stillAnswersInOrder() async throws {
        let handler = ClosureHandler { request in
            if request.path == "/slow" { try? await Task.sleep(for: .milliseconds(100)) }
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }
        try await withServer(handler: handler) { port, _ in
            let bodies = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/slow") + .get("/fast"))
                return try [client.readResponse().text, client.readResponse().text]
            }
            #expect(bodies == ["/slow", "/fast"])
        }
    }

    @Test func server_whenConnectionIsKeptAlive_serves10000RequestsOnIt() async throws {
        try await withServer { port, _ in
            let served = try await onThread {
                let client = try TestClient(port: port)
                var served = 0
                for index in 0..<10_000 {
                    try client.send(.get("/\(index)"))
                    if try client.readResponse().text == "GET /\(index)" { served += 1 }
                }
                return served
            }
            #expect(served == 10_000)
        }
    }

    @Test func server_always_sendsDateAndContentLength() async throws {
        try await withServer { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return try client.readResponse()
            }
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Content-Length") == "5")
            #expect(response.header("Connection") == nil)
        }
    }

    @Test func server_whenBodyHasContentLength_handsItToTheHandler() async throws {
        try await withServer { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello")
                try client.send(" world")
                return try client.readResponse()
            }
            #expect(response.text == "hello world")
        }
    }

    @Test func server_whenBodyIsChunked_handsItToTheHandlerWhole() async throws {
        try await withServer { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                try client.send("6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.text == "hello world")
        }
    }

    @Test func server_whenClientExpectsContinue_sends100BeforeTheBody() async throws {
        try await withServer { port, _ in
            let (interim, final) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
                let interim = try client.readResponse()
                try client.send("data")
                return (interim, try client.readResponse())
            }
            #expect(interim.status == 100)
            #expect(final.status == 200)
            #expect(final.text == "data")
        }
    }

    @Test func server_whenExpectedBodyWouldBeRefused_answers413WithoutWaitingForIt() async throws {
        try await withServer(configure: { $0.maxBodyBytes = 10 }) { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test func server_whenRequestIsHEAD_sendsTheLengthButNoBody() async throws {
        try await withServer { port, _ in
            let (head, next) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("HEAD /thing HTTP/1.1\r\nHost: h\r\n\r\n")
                let head = try client.readResponse(toHEAD: true)
                try client.send(.get("/after"))
                return (head, try client.readResponse())
            }
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "\("HEAD /thing".utf8.count)")
            #expect(next.text == "GET /after", "no body bytes were sent after the HEAD response")
        }
    }

    @Test func server_whenClientIsHTTP10_closesAfterTheResponse() async throws {
        try await withServer { port, _ in
            let (response, rest) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /old HTTP/1.0\r\n\r\n")
                return (try client.readResponse(), try client.readUntilClosed())
            }
            #expect(response.status == 200)
            #expect(response.text == "GET /old")
            #expect(response.header("Connection") == "close")
            #expect(rest.isEmpty)
        }
    }

    @Test func server_whenHTTP10ClientAsksForKeepAlive_keepsTheConnection() async throws {
        try await withServer { port, _ in
            let responses = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let first = try client.readResponse()
                try client.send("GET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                return [first, try client.readResponse()]
            }
            #expect(responses.map(\.text) == ["GET /1", "GET /2"])
            #expect(responses.allSatisfy { $0.header("Connection") == "keep-alive" })
        }
    }

    @Test func server_whenClientSendsConnectionClose_closesAfterTheResponse() async throws {
        try await withServer { port, _ in
            let (response, rest) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/bye", "Connection: close\r\n") + .get("/ignored"))
                return (try client.readResponse(), try client.readUntilClosed())
            }
            #expect(response.text == "GET /bye")
            #expect(response.header("Connection") == "close")
            #expect(rest.isEmpty, "requests after Connection: close are not answered")
        }
    }

    @Test func server_whenHandlerAsksToClose_closesAfterTheResponse() async throws {
        let handler = ClosureHandler { _ in HTTPResponse(status: 200, headers: ["Connection": "close"]) }
        try await withServer(handler: handler) { port, _ in
            let (response, rest) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return (try client.readResponse(), try client.readUntilClosed())
            }
            #expect(response.header("Connection") == "close")
            #expect(rest.isEmpty)
        }
    }

    @Test func server_whenClientHalfClosesAfterPipelining_stillAnswersEveryRequest() async throws {
        try await withServer { port, _ in
            let bodies = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/a") + .get("/b"))
                client.finishSending()
                let bodies = try [client.readResponse().text, client.readResponse().text]
                try client.readUntilClosed()
                return bodies
            }
            #expect(bodies == ["GET /a", "GET /b"])
        }
    }

    @Test func server_whenHandlerReceivesRequest_seesThePeerAddress() async throws {
        let handler = ClosureHandler { HTTPResponse(status: 200, body: Array($0.remoteAddress.utf8)) }
        try await withServer(handler: handler) { port, _ in
            let address = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return try client.readResponse().text
            }
            #expect(address == "127.0.0.1")
        }
    }

    @Test func server_whenClientResetsDuringHandling_cancelsTheHandler() async throws {
        let started = Gate(), cancelled = Gate()
        let handler = ClosureHandler { _ in
            started.open()
            try? await Task.sleep(for: .seconds(30))
            if Task.isCancelled { cancelled.open() }
            return HTTPResponse(status: 200)
        }
        try await withServer(handler: handler) { port, _ in
            let client = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return client
            }
            await started.wait()
            client.reset()
            await cancelled.wait()
        }
    }
}
