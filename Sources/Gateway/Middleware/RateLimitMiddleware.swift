import HTTPServer
import Kernel

/// Asks the ``RateLimiter`` and answers 429 `rate_limited` with `Retry-After` when it refuses.
struct RateLimitMiddleware: Middleware {
    let limiter: any RateLimiter

    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        let decision = try await limiter.decide(context)
        if let retryAfter = decision.retryAfter {
            var headers = decision.headers
            let seconds = max(1, (retryAfter.milliseconds + 999) / 1000)
            headers["Retry-After"] = String(seconds)
            throw GatewayError(.rateLimited, "Too many requests; retry in \(seconds) s.", headers: headers)
        }
        var response = try await next(context)
        for (name, value) in decision.headers where !response.headers.contains(name) {
            response.headers.add(name, value)
        }
        return response
    }
}
