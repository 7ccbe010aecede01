import Foundation
import Testing
import HTTPServer

@Suite struct ServerShutdownTests {
    @Test func shutdown_whileARequestIsInFlight_finishesItClosesIdleConnectionsAndStopsAccepting() async throws {
        let started = Gate(), release = Gate()
        let handler = ClosureHandler { request in
            if request.path == "/slow" {
                started.open()
                await release.wait()
            }
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }
        // One I/O thread, so once the idle connection is closed the shutdown has reached the busy one too.
        try await withServer(handler: handler, configure: { $0.ioThreads = 1 }) { port, server in
            let busy = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/slow"))
                return client
            }
            let idle = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/quick"))
                _ = try client.readResponse()
                return client
            }
            await started.wait()
            let shutdown = Task { await server.shutdown(drainTimeout: .seconds(5)) }
            let idleRest = try await onThread { try idle.readUntilClosed() }
            release.open()
            let (response, busyRest) = try await onThread { (try busy.readResponse(), try busy.readUntilClosed()) }
            await shutdown.value
            #expect(idleRest.isEmpty)
            #expect(response.status == 200)
            #expect(response.text == "/slow")
            #expect(response.header("Connection") == "close")
            #expect(busyRest.isEmpty)
            #expect(server.openConnections == 0)
            #expect(throws: TestClientError.self) { try TestClient(port: port) }
        }
    }

    @Test func shutdown_whenAHandlerNeverFinishes_returnsAfterTheDrainTimeout() async throws {
        let started = Gate(), release = Gate()
        let handler = ClosureHandler { _ in
            started.open()
            await release.wait()
            return HTTPResponse(status: 200)
        }
        try await withServer(handler: handler) { port, server in
            let client = try await onThread {
                let client = try TestClient(port: port)
                try client.send(.get("/"))
                return client
            }
            await started.wait()
            let start = ContinuousClock.now
            await server.shutdown(drainTimeout: .milliseconds(300))
            let elapsed = seconds(since: start)
            release.open()
            let rest = try await onThread { try client.readUntilClosed() }
            #expect(elapsed >= 0.25 && elapsed < 3, "returned after \(elapsed) s")
            #expect(rest.isEmpty, "the unfinished request got no response")
        }
    }

    @Test func shutdown_beforeStart_isHarmless() async {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: EchoHandler())
        await server.shutdown(drainTimeout: .seconds(1))
        #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
    }

    @Test func start_whenCalledTwice_throws() async throws {
        try await withServer { _, server in
            #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
        }
    }

    @Test func start_whenHostDoesNotResolve_throws() {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "no such host.invalid", port: 0), handler: EchoHandler())
        #expect(throws: HTTPServerError.invalidAddress("no such host.invalid")) { try server.start() }
    }
}
