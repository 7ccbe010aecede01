import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel

extension Gateway {
    static func make(
        routes: [Route] = [], logger: Logger = .discard, readiness: [ReadinessCheck] = [],
        authenticators: [any Authenticator] = [StubAuthenticator.operatorKey()], rateLimiter: (any RateLimiter)? = nil,
        middleware: [any Middleware] = [], openConnections: (@Sendable () -> Int)? = nil,
        collectors: [any MetricsCollector] = [], webhooks: [OpenAPIWebhook] = []
    ) -> Gateway {
        Gateway(
            configuration: GatewayConfiguration(
                logger: logger, clock: ManualClock(), readinessChecks: readiness, authenticators: authenticators,
                rateLimiter: rateLimiter, middleware: middleware, openConnections: openConnections, metricsCollectors: collectors),
            routes: routes, webhooks: webhooks)
    }
}

extension Route {
    /// A route with a throwaway operation whose id comes from the method and path.
    static func test(
        _ method: HTTPMethod, _ path: PathTemplate, auth: AuthRequirement = .none, parameters: [OpenAPIParameter] = [],
        handler: @escaping RouteHandler
    ) -> Route {
        let id = method.rawValue.lowercased() + path.description.split { !$0.isLetter }.map { $0.capitalized }.joined()
        return Route(method, path, auth: auth, operation: OpenAPIOperation(
            id: id, summary: "Test \(id)", tag: "Test", parameters: parameters, responses: [200: .json("OK", .inline(["type": "object"]))]),
            handler: handler)
    }
}

extension HTTPResponse {
    static let ok = HTTPResponse.json(["ok": true])
}
