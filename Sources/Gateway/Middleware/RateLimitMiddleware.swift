import HTTPAPI
import HTTPServer
import Kernel

/// Asks the ``RateLimiter`` and answers 429 `quota_exceeded` with `Retry-After` and `violated_policies` when it
/// refuses.
struct RateLimitMiddleware: Middleware {
    let limiter: any RateLimiter

    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        let decision = try await limiter.decide(context)
        if let refusal = decision.refusal { throw refusal }
        var response: HTTPResponse
        do {
            response = try await next(context)
        } catch {
            // Error answers carry the quota headers too; only unexpected errors (500s) go on without them.
            guard let problem = Problem(error, requestID: context.requestID) else { throw error }
            response = problem.response
        }
        for (name, value) in decision.headers where !response.headers.contains(name) {
            response.headers.add(name, value)
        }
        return response
    }
}

extension RateLimitDecision {
    /// The answer to a refusal: 429 `quota_exceeded` with `Retry-After` (whole seconds, at least 1), the decision's
    /// headers and `violated_policies`; nil when the decision allows.
    var refusal: APIError? {
        guard let retryAfter else { return nil }
        var headers = self.headers
        let seconds = max(1, (retryAfter.milliseconds + 999) / 1000)
        headers["Retry-After"] = String(seconds)
        return APIError(
            .rateLimited, "Quota exceeded (\(violated.joined(separator: ", "))); retry in \(seconds) s.", headers: headers,
            extensions: ["violated_policies": .array(violated.map { .string($0) })])
    }
}
