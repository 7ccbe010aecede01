import HTTPServer

/// The rest of the chain after a middleware: the next middleware, and finally the route's handler.
public typealias Responder = @Sendable (RequestContext) async throws -> HTTPResponse

/// A step every routed request passes through before its handler, in order: authentication, rate limiting, then
/// the middleware the Gateway is configured with (idempotency keys, say). A middleware may answer by
/// itself (throw a ``APIError``), change the context it passes on, or edit the response it gets back.
///
/// Request ids, version negotiation, routing, error-to-problem mapping, access logs and metrics wrap the whole
/// chain in the Gateway itself, so a middleware's errors are reported like a handler's.
public protocol Middleware: Sendable {
    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse
}
