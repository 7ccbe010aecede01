import Foundation
import HTTPCore
import Synchronization

/// An HTTP/1.1 client on non-blocking sockets, epoll and OpenSSL.
///
/// Connections are pooled per origin (at most `maxConnectionsPerOrigin`, idle ones closed after `idleTimeout`) and
/// kept alive across exchanges. Each new connection resolves its host once, puts every address to the
/// ``AddressPolicy`` and connects only to permitted ones, in order. TLS (1.2 or later) verifies the certificate
/// chain against the trust store and the certificate's name against the host, and sends SNI. Every exchange has one
/// deadline covering all of it (waiting for a connection, resolving, connecting, TLS, writing, reading); a response
/// body is read only as far as it is kept; redirects are answers, never followed.
///
/// I/O threads start with the first request and stop when the client is shut down or released. Callers' tasks only
/// wait for a continuation: no blocking call ever runs on Swift's cooperative pool.
///
///     let client = HTTPClient()
///     let response = try await client.execute(HTTPClientRequest(method: "POST", url: url, body: body), timeout: .seconds(10))
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let context: ClientContext
    private let state = Mutex(State.idle)
    private let nextExchangeID = Atomic<UInt64>(1)

    private enum State {
        case idle
        case running([EventLoop<ClientJob>])
        case shutDown
    }

    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        context = ClientContext(configuration)
    }

    /// A client dropped without `shutdown` still stops its threads; exchanges still running end as shut down.
    deinit { shutdown() }

    /// Sends `request` and returns the response, or throws why there is none. `timeout` bounds the whole exchange.
    public func execute(_ request: HTTPClientRequest, timeout: Duration) async throws(HTTPClientError) -> HTTPClientResponse {
        guard let target = RequestTarget(request.url) else {
            throw HTTPClientError(.invalidRequest, "\(request.url) is not an absolute http:// or https:// URL")
        }
        let bytes = try RequestEncoder.encode(request, to: target)
        let loop = try loop(for: target.origin)
        let exchange = Exchange(
            id: nextExchangeID.add(1, ordering: .relaxed).oldValue, target: target, request: bytes,
            isHeadRequest: request.method == "HEAD", maxResponseBodyBytes: request.maxResponseBodyBytes, timeout: timeout,
            deadline: MonotonicClock.now().addingSaturating(timeout.nanoseconds))
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchange.attach(continuation)
                if !loop.post(.submit(exchange)) { exchange.finish(.failure(HTTPClientError(.shutDown, "the HTTP client was shut down"))) }
            }
        } onCancel: {
            if exchange.finish(.failure(HTTPClientError(.cancelled, "the request was cancelled"))) { loop.post(.cancel(exchange: exchange.id)) }
        }
        return try outcome.get()
    }

    /// Stops the I/O threads: open connections close, exchanges in flight end with ``HTTPClientError/Code/shutDown``,
    /// and later requests fail the same way.
    public func shutdown() {
        let loops = state.withLock { state -> [EventLoop<ClientJob>] in
            defer { state = .shutDown }
            if case .running(let loops) = state { return loops }
            return []
        }
        for loop in loops { loop.post(.shutdown) }
    }

    /// The loop that serves `origin` (all its connections live on one thread); starts the threads on first use.
    private func loop(for origin: Origin) throws(HTTPClientError) -> EventLoop<ClientJob> {
        let loops = try state.withLock { state throws(HTTPClientError) -> [EventLoop<ClientJob>] in
            switch state {
            case .running(let loops):
                return loops
            case .shutDown:
                throw HTTPClientError(.shutDown, "the HTTP client was shut down")
            case .idle:
                var loops = [EventLoop<ClientJob>]()
                do throws(SystemCallError) {
                    for _ in 0..<max(1, configuration.ioThreads) { loops.append(try EventLoop()) }
                } catch {
                    throw HTTPClientError(.connect, "cannot start the HTTP client: \(error)")
                }
                for (index, loop) in loops.enumerated() {
                    NamedThread.start("http-client-\(index)") { [context] in ClientWorker(loop: loop, context: context).run() }
                }
                state = .running(loops)
                return loops
            }
        }
        return loops[Int(UInt(bitPattern: origin.hashValue) % UInt(loops.count))]
    }
}
