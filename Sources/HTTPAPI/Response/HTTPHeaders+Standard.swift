import HTTPServer

extension HTTPHeaders {
    /// The headers every response carries, error or not, set in this one place: `Request-Id`, `API-Version`
    /// (unless a later pinning step already chose one), and defaults that keep API responses out of caches and
    /// stop browsers sniffing content types.
    package mutating func applyStandard(requestID: String, apiVersion: String) {
        self["Request-Id"] = requestID
        if !contains(APIVersion.header) { self[APIVersion.header] = apiVersion }
        if !contains("Cache-Control") { self["Cache-Control"] = "no-store" }
        if !contains("X-Content-Type-Options") { self["X-Content-Type-Options"] = "nosniff" }
    }
}
