import HTTPServer
import RateLimit

extension QuotaDecision {
    /// `RateLimit-Policy` and `RateLimit` as response headers; `Retry-After` is left to whoever answers the refusal.
    var rateLimitHeaders: HTTPHeaders {
        var headers = HTTPHeaders(minimumCapacity: 2)
        guard let rateLimit = rateLimitHeaderValue else { return headers }
        headers.add("RateLimit-Policy", policyHeaderValue)
        headers.add("RateLimit", rateLimit)
        return headers
    }
}
