import HTTPAPI
import HTTPServer
import Kernel

/// The API's `HTTPHandler`: routes each request through its middleware chain to its handler and turns every
/// failure into an RFC 9457 problem.
///
/// Around every request, routed or not, it resolves the client's address behind trusted proxies and the request id,
/// checks `API-Version`, sets the standard response headers, counts the request in the metrics and writes one
/// access-log line. A routed request whose query names a parameter its route does not declare is refused with 400
/// before anything else runs. Built once at start-up; immutable afterwards, so requests share it without locks (the
/// metrics have their own).
public struct Gateway: HTTPHandler {
    /// Every endpoint served, system endpoints first; the OpenAPI document lists exactly these.
    public let endpoints: [Endpoint]
    private let router: Router
    /// Each route's middleware chain ending in its handler, by route index.
    private let responders: [Responder]
    /// Each route's declared query parameters, by route index: any other is refused before the route runs.
    private let queryParameters: [Set<String>]
    private let metrics: RequestMetrics
    let logger: Logger
    private let clock: any WallClock
    private let trustedProxies: TrustedProxies

    /// - Parameters:
    ///   - routes: the API areas' routes (`Routes.users(…) + Routes.strategies(…)`); the system routes are added here.
    ///   - webhooks: the events documented under the OpenAPI document's `webhooks`.
    public init(configuration: GatewayConfiguration, routes: [Route] = [], webhooks: [OpenAPIWebhook] = []) {
        let authenticators = Dictionary(configuration.authenticators.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        let protectingMetrics = authenticators[.metricsScraper] != nil
        let endpoints = Routes.systemEndpoints(protectingMetrics: protectingMetrics) + routes.map(\.endpoint)
        let metrics = RequestMetrics(routes: endpoints.map(\.path.description))
        var collectors = configuration.metricsCollectors
        if let openConnections = configuration.openConnections {
            collectors.insert(GaugeCollector(name: "http_open_connections", help: "HTTP connections currently open.") {
                Double(openConnections())
            }, at: 0)
        }
        let system = Routes.system(
            protectingMetrics: protectingMetrics, readiness: configuration.readinessChecks,
            metrics: MetricsRegistry(requests: metrics, collectors: collectors, logger: configuration.logger),
            openAPIDocument: OpenAPIDocument(endpoints: endpoints, webhooks: webhooks))
        let all = system + routes
        precondition(all.map(\.endpoint.operation.id) == endpoints.map(\.operation.id), "system routes out of order")

        for endpoint in endpoints {
            for kind in endpoint.auth.accepted {
                precondition(authenticators[kind] != nil, "\(endpoint.method) \(endpoint.path) needs a \(kind) authenticator")
            }
        }
        var chain: [any Middleware] = [AuthenticationMiddleware(authenticators: authenticators)]
        if let limiter = configuration.rateLimiter { chain.append(RateLimitMiddleware(limiter: limiter)) }
        chain += configuration.middleware
        chain.append(CurrentCredentialMiddleware())

        self.endpoints = endpoints
        router = Router(endpoints)
        queryParameters = endpoints.map { Set($0.operation.parameters.map(\.name)) }
        responders = all.map { route in
            chain.reversed().reduce(route.handler) { next, middleware in
                { context in try await middleware.respond(to: context, next: next) }
            }
        }
        self.metrics = metrics
        logger = configuration.logger
        clock = configuration.clock
        trustedProxies = configuration.trustedProxies
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let started = ContinuousClock.now
        var request = request
        if !trustedProxies.networks.isEmpty { request.clientAddress = trustedProxies.clientAddress(of: request) }
        let requestID = RequestID.resolve(request.headers)
        let logger = self.logger.with(["request_id": requestID])
        var apiVersion = APIVersion.current
        var route: Int?
        var response: HTTPResponse
        do {
            apiVersion = try APIVersion.resolve(request.headers)
            response = try await dispatch(request, requestID: requestID, logger: logger, apiVersion: apiVersion, route: &route)
        } catch {
            response = problem(for: error, requestID: requestID, logger: logger, route: route).response
        }
        response.headers.applyStandard(requestID: requestID, apiVersion: apiVersion)
        let elapsed = started.duration(to: .now)
        metrics.record(route: route, method: request.method, status: response.status, duration: elapsed)
        logAccess(request, route: route, status: response.status, elapsed: elapsed, logger: logger)
        return response
    }

    /// Routes the request; `route` is set as soon as it is known, so a failure is still counted against it.
    private func dispatch(
        _ request: HTTPRequest, requestID: String, logger: Logger, apiVersion: String, route: inout Int?
    ) async throws -> HTTPResponse {
        switch router.match(request.method, path: request.path) {
        case .found(let index, let parameters):
            route = index
            let query = try QueryParameters(request.queryItems, declared: queryParameters[index])
            let context = RequestContext(
                request: request, endpoint: endpoints[index], parameters: parameters, query: query,
                requestID: requestID, logger: logger, apiVersion: apiVersion, principal: nil, clock: clock)
            return try await responders[index](context)
        case .methodNotAllowed(let index, let allowed):
            route = index
            let methods = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, "\(request.method) is not allowed here; allowed: \(methods).", headers: ["Allow": methods])
        case .notFound:
            throw APIError(.notFound, "No endpoint matches \(request.method) \(request.path).")
        }
    }

    /// The problem for a failure; one that carries no code is logged here and answered without details.
    private func problem(for error: any Error, requestID: String, logger: Logger, route: Int?) -> Problem {
        if let problem = Problem(error, requestID: requestID) { return problem }
        logger.error("unhandled error", [
            "route": routeName(route), "error_type": String(reflecting: type(of: error)), "error": String(describing: error),
        ])
        return .internalError(requestID: requestID)
    }

    /// The route's template, the name it has in logs and metrics.
    func routeName(_ route: Int?) -> String {
        route.map { endpoints[$0].path.description } ?? RequestMetrics.unmatchedRoute
    }
}
