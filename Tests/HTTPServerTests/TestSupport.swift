import Foundation
import Glibc
import HTTPServer
import Synchronization

/// Runs blocking client code on a thread of its own: the cooperative pool is as wide as the machine has cores
/// and the server's handlers need it.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A handler made of a closure.
struct ClosureHandler: HTTPHandler {
    let respond: @Sendable (HTTPRequest) async -> HTTPResponse
    init(_ respond: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) { self.respond = respond }
    func handle(_ request: HTTPRequest) async -> HTTPResponse { await respond(request) }
}

/// Answers 200 with the request body, or with `METHOD target` when there is none.
struct EchoHandler: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let body = request.body.isEmpty ? Array("\(request.method) \(request.target)".utf8) : request.body
        return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: body)
    }
}

/// Starts a server on an ephemeral port of 127.0.0.1, runs `body`, and shuts the server down.
@discardableResult
func withServer<T: Sendable>(
    handler: any HTTPHandler = EchoHandler(),
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    _ body: (_ port: Int, _ server: HTTPServer) async throws -> T
) async throws -> T {
    var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.ioThreads = 2
    configuration.lingerTimeout = .milliseconds(500)
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    let port = try server.start()
    do {
        let result = try await body(port, server)
        await server.shutdown(drainTimeout: .seconds(2))
        return result
    } catch {
        await server.shutdown(drainTimeout: .seconds(2))
        throw error
    }
}

extension String {
    /// A GET request for `target` with a Host field.
    static func get(_ target: String, _ extraFields: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: test\r\n\(extraFields)\r\n"
    }
}

/// A one-shot signal between a handler and a test: `wait` suspends until `open` is called (or returns at once after).
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Raises the soft open-file limit to the hard one, for tests that hold a thousand sockets on each side.
func raiseFileLimit() {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

/// Seconds elapsed on a monotonic clock since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
