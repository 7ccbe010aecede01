import HTTPClient
import Testing

/// One deadline for the whole exchange, and what a receiver that breaks off ends as.
@Suite struct DeadlineTests {
    static func timed(_ body: () async -> Result<HTTPClientResponse, HTTPClientError>) async -> (Result<HTTPClientResponse, HTTPClientError>, Duration) {
        let clock = ContinuousClock(), start = clock.now
        let result = await body()
        return (result, clock.now - start)
    }

    @Test func receiverThatNeverAnswers_endsAsATimeoutAtTheDeadline() async throws {
        let server = try ScriptedServer { _, _ in .hang }, client = HTTPClient()
        let (result, elapsed) = await Self.timed { await ExchangeTests.post(client, server.url(), timeout: .milliseconds(300)) }
        #expect(result.failure?.code == .timeout, "\(result)")
        #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(15), "\(elapsed)")  // slack for a loaded machine
        await server.waitForFinishedConnections(1)  // the client hung up
        client.shutdown()
        server.stop()
    }

    /// A byte every 100 ms never lets a read wait long, but the body would take 10 s: the deadline covers the whole
    /// exchange, so the attempt ends at 400 ms (a per-read timeout would have let the whole body through).
    @Test func receiverThatTrickles_endsAsATimeoutAtTheDeadline() async throws {
        let server = try ScriptedServer { _, _ in .trickle(head: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", count: 100, interval: .milliseconds(100)) }
        let client = HTTPClient()
        let (result, elapsed) = await Self.timed { await ExchangeTests.post(client, server.url(), timeout: .milliseconds(400)) }
        #expect(result.failure?.code == .timeout, "\(result)")
        #expect(elapsed >= .milliseconds(390) && elapsed < .seconds(9), "\(elapsed)")  // slack for a loaded machine
        client.shutdown()
        server.stop()
    }

    @Test func receiverThatClosesMidResponse_isAConnectFailure() async throws {
        let server = try ScriptedServer { _, _ in .send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", close: true) }
        let client = HTTPClient()
        let result = await ExchangeTests.post(client, server.url())
        #expect(result.failure?.code == .connect, "\(result)")
        #expect(server.requests.count == 1, "a fresh connection's failure is not retried")
        client.shutdown()
        server.stop()
    }

    @Test func receiverThatResets_isAConnectFailure() async throws {
        let server = try ScriptedServer { _, _ in .reset }, client = HTTPClient()
        let result = await ExchangeTests.post(client, server.url())
        #expect(result.failure?.code == .connect, "\(result)")
        client.shutdown()
        server.stop()
    }

    @Test func portWithNoListener_isAConnectFailure() async throws {
        let server = try ScriptedServer()
        let url = server.url()
        server.stop()
        let client = HTTPClient()
        let result = await ExchangeTests.post(client, url)
        #expect(result.failure?.code == .connect && result.failure?.message.contains("refused") == true, "\(result)")
        client.shutdown()
    }

    @Test func cancellingTheCaller_endsTheExchangeAndClosesItsConnection() async throws {
        let server = try ScriptedServer { _, _ in .hang }, client = HTTPClient()
        let task = Task { await ExchangeTests.post(client, server.url(), timeout: .seconds(30)) }
        await server.waitForRequests(1)
        task.cancel()
        #expect(await task.value.failure?.code == .cancelled)
        await server.waitForFinishedConnections(1)
        client.shutdown()
        server.stop()
    }

    @Test func shutdown_endsExchangesInFlight_andRefusesNewOnes() async throws {
        let server = try ScriptedServer { _, _ in .hang }, client = HTTPClient()
        let task = Task { await ExchangeTests.post(client, server.url(), timeout: .seconds(30)) }
        await server.waitForRequests(1)
        client.shutdown()
        #expect(await task.value.failure?.code == .shutDown)
        #expect(await ExchangeTests.post(client, server.url()).failure?.code == .shutDown)
        server.stop()
    }
}
