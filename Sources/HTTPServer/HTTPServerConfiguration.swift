import Glibc

/// How an `HTTPServer` listens, how many I/O threads it runs, and the limits and timeouts it enforces.
/// Every limit is answered on the wire with an RFC 9457 problem response: built by `errorResponder` for a request,
/// fixed for a refused connection.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: a numeric IPv4/IPv6 address or a resolvable name.
    public var host: String
    /// The port to bind; 0 lets the kernel pick one (`HTTPServer.start()` returns it).
    public var port: Int
    /// Threads doing socket I/O and parsing (never handler code). One per core suits most loads.
    public var ioThreads: Int
    /// Largest request body accepted (413 beyond).
    public var maxBodyBytes = 1 << 20
    /// Largest header section accepted, and largest trailer section (431 beyond).
    public var maxHeaderBytes = 16 << 10
    /// Longest request target accepted (414 beyond).
    public var maxURIBytes = 8 << 10
    /// How long a new connection may wait before the first byte of its first request; it is closed then, silently.
    /// Short, because an idle connection holds a slot that `maxConnections` and `maxConnectionsPerAddress` count.
    public var firstByteTimeout = Duration.seconds(10)
    /// From the first byte of a request to the end of its head, whether the request is a connection's first or a
    /// later one; a slower client gets 408 and is closed. Bytes arriving do not extend it, so a client trickling
    /// its head a byte at a time (slowloris) is cut off all the same.
    public var headerTimeout = Duration.seconds(10)
    /// From the end of a request's head to the end of its body (408 beyond).
    public var bodyTimeout = Duration.seconds(30)
    /// How long a keep-alive connection may wait for its next request after a response, and how long a response
    /// may wait for a client that does not read it; the connection is closed then.
    public var idleTimeout = Duration.seconds(60)
    /// How long a handler may take; past it the client gets 503 and the handler's task is cancelled.
    public var handlerTimeout = Duration.seconds(30)
    /// After the last response of a closing connection, how long to read and discard what the client still
    /// sends so that the close does not turn into a reset that destroys the response (RFC 9112 §9.6).
    public var lingerTimeout = Duration.seconds(2)
    /// Open connections allowed. The default is 10,000, or less when the process's file-descriptor limit would
    /// not allow that many. Once all but the last eighth are open, an address may open more only while it holds
    /// less than its share, so one address never takes every slot (`ConnectionLedger` states the policy).
    ///
    /// A connection refused by this limit, `maxConnectionsPerAddress` or the share policy is never parsed: it gets
    /// one fixed `503` `application/problem+json` response with `Connection: close`, encoded when the server
    /// starts, and is closed. `onEvent` hears of it as `connectionRefused`.
    public var maxConnections: Int
    /// Open connections one client address may hold: an IPv4 address, or an IPv6 /64 network (one host usually
    /// owns a whole /64); an IPv4-mapped IPv6 address counts as the IPv4 address.
    public var maxConnectionsPerAddress = 256
    /// The listen backlog (the kernel caps it at `net.core.somaxconn`).
    public var backlog: Int32 = 4096
    /// Builds every response the server generates itself for a request (400, 408, 413, 414, 417, 431, 501, 503
    /// for a missed handler deadline, 505) from a status and a human-readable detail. Runs on an I/O thread: it
    /// must be quick and must not block. Defaults to an `application/problem+json` body (`HTTPResponse.problem`).
    public var errorResponder: @Sendable (_ status: Int, _ detail: String) -> HTTPResponse
    /// Receives what the server observes (refused requests and connections, handler timeouts, accept errors);
    /// the server logs nothing by itself. Runs on an I/O thread: it must be quick and must not block.
    public var onEvent: (@Sendable (HTTPServerEvent) -> Void)?

    /// The defaults: loopback only, port 8080, one I/O thread per core, the limits and timeouts shown above.
    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
        ioThreads = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        maxConnections = Self.defaultMaxConnections()
        errorResponder = { status, detail in HTTPResponse.problem(status: status, detail: detail) }
    }

    /// 10,000, kept 64 descriptors below the soft `RLIMIT_NOFILE` for the listener, epoll and the application.
    private static func defaultMaxConnections() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 10_000 }
        return max(1, min(10_000, Int(clamping: limit.rlim_cur) - 64))
    }
}
