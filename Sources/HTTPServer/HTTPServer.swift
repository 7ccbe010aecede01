import Foundation
import HTTPCore
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and epoll.
///
/// A few I/O threads (`HTTPServerConfiguration.ioThreads`) accept connections, read, parse and write; they never
/// run handler code. Each complete request crosses into Swift concurrency once, as a task that runs the handler;
/// the response comes back to the connection's I/O thread and leaves in one gathered write.
///
///     let server = HTTPServer(configuration: .init(host: "0.0.0.0", port: 8080), handler: MyHandler())
///     let port = try server.start()
///     ...
///     await server.shutdown(drainTimeout: .seconds(10))
public final class HTTPServer: Sendable {
    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let state = Mutex(State.idle)

    private enum State {
        case idle
        case running(ServerContext)
        case stopping(ServerContext)
        case stopped
    }

    /// Creates a stopped server; `start()` binds and starts it.
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// A server dropped without `shutdown` still stops its threads, closing its connections at once.
    deinit {
        if case .running(let context) = state.withLock({ $0 }) { Self.beginShutdown(context, drainTimeout: .zero) }
    }

    /// Binds, listens and starts the I/O threads. Returns the bound port (the kernel's pick when `port` is 0).
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        try state.withLock { state throws(HTTPServerError) -> Int in
            guard case .idle = state else { throw .alreadyStarted }
            let (listener, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            var loops: [EventLoop] = []
            do throws(SystemCallError) {
                for _ in 0..<max(1, configuration.ioThreads) { loops.append(try EventLoop()) }
            } catch {
                Socket.close(listener)
                throw .system(error.call, error.code)
            }
            let context = ServerContext(configuration: configuration, handler: handler, listener: listener, loops: loops)
            for (index, loop) in loops.enumerated() {
                NamedThread.start("http-io-\(index)") { IOWorker(loop: loop, context: context).run() }
            }
            state = .running(context)
            return port
        }
    }

    /// Stops accepting, closes idle connections, lets in-flight requests finish (their responses say
    /// `Connection: close`), and returns when every connection is closed, or once `drainTimeout` has passed and
    /// the rest were closed. Calling it again waits for the same shutdown; calling it before `start` is a no-op.
    public func shutdown(drainTimeout: Duration = .seconds(10)) async {
        let context: ServerContext? = state.withLock { state in
            switch state {
            case .idle, .stopped:
                state = .stopped
                return nil
            case .running(let context):
                state = .stopping(context)
                Self.beginShutdown(context, drainTimeout: drainTimeout)
                return context
            case .stopping(let context):
                return context
            }
        }
        guard let context else { return }
        await context.waitForWorkers()
        state.withLock { $0 = .stopped }
    }

    /// Connections currently open (including those being drained), for metrics.
    public var openConnections: Int {
        state.withLock { state in
            switch state {
            case .running(let context), .stopping(let context): context.openConnections
            case .idle, .stopped: 0
            }
        }
    }

    private static func beginShutdown(_ context: ServerContext, drainTimeout: Duration) {
        let deadline = MonotonicClock.now().addingSaturating(drainTimeout.nanoseconds)
        for loop in context.loops { loop.post(.shutdown(deadline: deadline)) }
    }
}
