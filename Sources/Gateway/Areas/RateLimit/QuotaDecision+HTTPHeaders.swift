import HTTPServer
import RateLimit

extension QuotaDecision {
    /// `RateLimit-Policy` and `RateLimit` as response headers; `Retry-After` is left to whoever answers the refusal.
    var rateLimitHeaders: HTTPHeaders {
        var headers = HTTPHeaders()
        for (name, value) in self.headers where name != "Retry-After" { headers[name] = value }
        return headers
    }
}
