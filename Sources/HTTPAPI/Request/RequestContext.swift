import HTTPServer
import Kernel

/// Everything a handler (and a middleware) gets about one routed request.
public struct RequestContext: Sendable {
    public let request: HTTPRequest
    /// The matched route's description (its template is the route's name in logs and metrics).
    public let endpoint: Endpoint
    public let parameters: PathParameters
    public let query: QueryParameters
    /// The id on the response's `Request-Id` and on every log line of this request.
    public let requestID: String
    /// Logs of this request: every line already carries `request_id`.
    public let logger: Logger
    /// The API version the response must follow.
    public let apiVersion: String
    /// Set by authentication for routes that require credentials; nil on public routes. Only the Gateway sets it.
    public package(set) var principal: Principal?
    /// The injected wall clock: handlers read time here, never from `Date()`.
    public let clock: any WallClock

    package init(
        request: HTTPRequest, endpoint: Endpoint, parameters: PathParameters, query: QueryParameters, requestID: String,
        logger: Logger, apiVersion: String, principal: Principal?, clock: any WallClock
    ) {
        self.request = request
        self.endpoint = endpoint
        self.parameters = parameters
        self.query = query
        self.requestID = requestID
        self.logger = logger
        self.apiVersion = apiVersion
        self.principal = principal
        self.clock = clock
    }
}
