import HTTPAPI
import Kernel

/// What the composition root hands the ``Gateway``: its collaborators, each defaulting to "none" so tests set only
/// what they exercise.
public struct GatewayConfiguration: Sendable {
    /// Receives one access-log line per request and the description of every unexpected error.
    public var logger: Logger
    /// Handed to handlers as ``RequestContext/clock``.
    public var clock: any WallClock
    /// What `/readyz` requires, e.g. `[.database(db), .migrations(db, expected: …), .bus(bus)]`.
    public var readinessChecks: [ReadinessCheck]
    /// One per ``Principal/Kind`` that routes require; building a Gateway whose routes need a kind with no
    /// authenticator traps, so a route can never be left open by a wiring mistake.
    public var authenticators: [any Authenticator]
    public var rateLimiter: (any RateLimiter)?
    /// Run after authentication and rate limiting, in order, before the handler.
    public var middleware: [any Middleware]
    /// The server's count of open connections, for `http_open_connections`.
    public var openConnections: (@Sendable () -> Int)?
    /// Extra metric families for `/metrics`, e.g. `BusMetrics(bus: bus)` and later modules' collectors.
    public var metricsCollectors: [any MetricsCollector]
    /// The reverse proxies whose forwarding headers name the client (`--trusted-proxies`); none by default, so the
    /// peer is the client.
    public var trustedProxies: TrustedProxies

    public init(
        logger: Logger = .discard, clock: any WallClock = SystemClock(), readinessChecks: [ReadinessCheck] = [],
        authenticators: [any Authenticator] = [], rateLimiter: (any RateLimiter)? = nil, middleware: [any Middleware] = [],
        openConnections: (@Sendable () -> Int)? = nil, metricsCollectors: [any MetricsCollector] = [],
        trustedProxies: TrustedProxies = TrustedProxies([])
    ) {
        self.logger = logger
        self.clock = clock
        self.readinessChecks = readinessChecks
        self.authenticators = authenticators
        self.rateLimiter = rateLimiter
        self.middleware = middleware
        self.openConnections = openConnections
        self.metricsCollectors = metricsCollectors
        self.trustedProxies = trustedProxies
    }
}
