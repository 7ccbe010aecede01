import HTTPServer

/// The code that answers one endpoint. It throws ``APIError`` or a Kernel ``DomainError`` for failures the
/// client should see; anything else becomes a 500.
public typealias RouteHandler = @Sendable (RequestContext) async throws -> HTTPResponse

/// An endpoint with its handler: what API areas (and the dashboard) hand to the Gateway.
///
/// `auth` has no default on purpose: every route states who may call it.
public struct Route: Sendable {
    public let endpoint: Endpoint
    public let handler: RouteHandler

    public init(
        _ method: HTTPMethod, _ path: PathTemplate, auth: AuthRequirement, operation: OpenAPIOperation, documented: Bool = true,
        handler: @escaping RouteHandler
    ) {
        self.init(Endpoint(method, path, auth: auth, operation: operation, documented: documented), handler: handler)
    }

    public init(_ endpoint: Endpoint, handler: @escaping RouteHandler) {
        self.endpoint = endpoint
        self.handler = handler
    }
}
