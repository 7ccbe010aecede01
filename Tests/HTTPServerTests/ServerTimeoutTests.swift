import Foundation
import Testing
import HTTPServer

@Suite struct ServerTimeoutTests {
    @Test func server_whenClientSendsItsHeadSlowly_answers408AndClosesWhileServingOthers() async throws {
        try await withServer(configure: { $0.headerTimeout = .milliseconds(200); $0.ioThreads = 1 }) { port, _ in
            let slowloris = Task {
                try await onThread { () -> (elapsed: Double, response: WireResponse) in
                    let client = try TestClient(port: port)
                    let start = ContinuousClock.now
                    try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ")
                    // One byte every 50 ms: the head would take far longer than the header timeout.
                    while !client.waitReadable(timeout: .milliseconds(50)) && seconds(since: start) < 5 {
                        try client.send("a")
                    }
                    let elapsed = seconds(since: start)
                    let response = try client.readResponse()
                    try client.readUntilClosed()
                    return (elapsed, response)
                }
            }
            let served = try await onThread {
                let client = try TestClient(port: port)
                return try (0..<20).map { index in
                    try client.send(.get("/\(index)"))
                    return try client.readResponse().status
                }
            }
            let (elapsed, response) = try await slowloris.value
            #expect(served == Array(repeating: 200, count: 20))
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(elapsed >= 0.15 && elapsed < 3, "answered after \(elapsed) s")
        }
    }

    @Test func server_whenKeepAliveConnectionTricklesItsNextHead_answers408AtTheHeaderTimeout() async throws {
        try await withServer(configure: { $0.headerTimeout = .milliseconds(300) }) { port, _ in
            let (first, elapsed, response) = try await onThread { () -> (Int, Double, WireResponse) in
                let client = try TestClient(port: port)
                try client.send(.get("/first"))
                let first = try client.readResponse().status
                let start = ContinuousClock.now
                // The next request one byte every 20 ms, a head that would take well over a second.
                for byte in Array(String.get("/second", "X-Slow: " + String(repeating: "a", count: 100) + "\r\n").utf8) {
                    guard !client.waitReadable(timeout: .milliseconds(20)) else { break }
                    try client.send([byte])
                }
                return (first, seconds(since: start), try client.readResponse())
            }
            #expect(first == 200)
            #expect(response.status == 408)
            #expect(elapsed >= 0.25 && elapsed < 3, "answered after \(elapsed) s")
        }
    }

    @Test func server_whenNewConnectionSendsNothing_closesItSilentlyAtTheFirstByteTimeout() async throws {
        // The keep-alive idle timeout stays long: the close can only come from the first-byte deadline.
        try await withServer(configure: { $0.firstByteTimeout = .milliseconds(300); $0.idleTimeout = .seconds(60) }) { port, server in
            let (received, elapsed, open) = try await onThread {
                let client = try TestClient(port: port)
                let start = ContinuousClock.now
                let received = try client.readUntilClosed()
                return (received, seconds(since: start), server.openConnections)
            }
            #expect(received.isEmpty)
            #expect(elapsed >= 0.25 && elapsed < 3, "closed after \(elapsed) s")
            #expect(open == 0, "its slot was freed before the close")
        }
    }

    @Test func server_whenBodyArrivesTooSlowly_answers408() async throws {
        try await withServer(configure: { $0.bodyTimeout = .milliseconds(200) }) { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
                return try client.readResponse()
            }
            #expect(response.status == 408)
        }
    }

    @Test func server_whenKeepAliveConnectionIdles_closesItAfterTheIdleTimeout() async throws {
        try await withServer(configure: { $0.idleTimeout = .milliseconds(200) }) { port, _ in
            let (status, rest, elapsed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                let status = try client.readResponse().status
                let start = ContinuousClock.now
                let rest = try client.readUntilClosed()
                return (status, rest, seconds(since: start))
            }
            #expect(status == 200)
            #expect(rest.isEmpty, "an idle close sends nothing")
            #expect(elapsed >= 0.15 && elapsed < 3, "closed after \(elapsed) s")
        }
    }

    @Test func server_whenHandlerMissesItsDeadline_answers503AndKeepsServing() async throws {
        let handler = ClosureHandler { request in
            if request.path == "/stuck" { try? await Task.sleep(for: .seconds(30)) }
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }
        // Long enough that the quick request after it never hits the deadline, even on a loaded machine.
        try await withServer(handler: handler, configure: { $0.handlerTimeout = .seconds(4) }) { port, _ in
            let (timedOut, elapsed, next) = try await onThread {
                let client = try TestClient(port: port)
                let start = ContinuousClock.now
                try client.send(.get("/stuck"))
                let timedOut = try client.readResponse()
                let elapsed = seconds(since: start)
                try client.send(.get("/fine"))
                return (timedOut, elapsed, try client.readResponse())
            }
            #expect(timedOut.status == 503)
            #expect(timedOut.header("Content-Type") == "application/problem+json")
            #expect(elapsed >= 3.95 && elapsed < 15, "answered after \(elapsed) s")
            #expect(next.text == "/fine")
        }
    }
}
