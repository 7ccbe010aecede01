import Dispatch
import HTTPClient
import Testing

/// The per-origin pool on real connections: its bound, and what happens to connections the receiver closes.
@Suite struct PoolTests {
    @Test func concurrentRequests_neverOpenMoreThanThePoolBound() async throws {
        let gate = DispatchSemaphore(value: 0)
        let server = try ScriptedServer { _, _ in
            gate.wait()  // hold every answer until the test has looked
            gate.signal()
            return .send(ScriptedServer.ok)
        }
        var configuration = HTTPClientConfiguration()
        configuration.maxConnectionsPerOrigin = 2
        let client = HTTPClient(configuration: configuration)
        let url = server.url()
        await withTaskGroup(of: Int?.self) { group in
            for i in 0..<10 { group.addTask { try? await ExchangeTests.post(client, url, body: "\(i)").get().status } }
            await server.waitForRequests(2)
            #expect(server.connectionsAccepted == 2)
            gate.signal()
            var statuses = [Int?]()
            for await status in group { statuses.append(status) }
            #expect(statuses == Array(repeating: 200, count: 10))
        }
        #expect(server.connectionsAccepted == 2)
        #expect(Set(server.requests.map(\.connection)) == [1, 2])
        client.shutdown()
        server.stop()
    }

    /// The receiver closes a kept-alive connection as the next request arrives on it (its idle timeout): the request
    /// goes again on a new connection, once.
    @Test func requestOnAConnectionTheReceiverClosedUnanswered_goesAgainOnAFreshOne() async throws {
        let server = try ScriptedServer { n, _ in n == 2 ? .send("", close: true) : .send(ScriptedServer.ok) }
        let client = HTTPClient()
        #expect(try await ExchangeTests.post(client, server.url(), body: "first").get().status == 200)
        #expect(try await ExchangeTests.post(client, server.url(), body: "second").get().status == 200)
        #expect(server.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["first", "second", "second"])
        #expect(server.requests.map(\.connection) == [1, 1, 2])
        client.shutdown()
        server.stop()
    }

    @Test func responseSayingClose_isNotReused() async throws {
        let server = try ScriptedServer { _, _ in .send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") }
        let client = HTTPClient()
        for _ in 0..<3 { #expect(try await ExchangeTests.post(client, server.url()).get().status == 200) }
        #expect(server.connectionsAccepted == 3)
        client.shutdown()
        server.stop()
    }

    @Test func idleConnection_isClosedAfterTheIdleTimeout() async throws {
        let server = try ScriptedServer()
        var configuration = HTTPClientConfiguration()
        configuration.idleTimeout = .milliseconds(100)
        let client = HTTPClient(configuration: configuration)
        #expect(try await ExchangeTests.post(client, server.url()).get().status == 200)
        await server.waitForFinishedConnections(1)  // closed by the client: nothing else would end it
        #expect(try await ExchangeTests.post(client, server.url()).get().status == 200)
        #expect(server.connectionsAccepted == 2)
        client.shutdown()
        server.stop()
    }
}
