import HTTPAPI
import HTTPServer
import Kernel

extension Gateway {
    /// One line per request with what operations needs and nothing a client sent verbatim: the client's address (as
    /// resolved behind trusted proxies), the route template (never the raw path, which holds ids), no header values,
    /// no query, no body.
    /// `logger` is the request's own, which adds `request_id`.
    func logAccess(_ request: HTTPRequest, route: Int?, status: Int, elapsed: Duration, logger: Logger) {
        // Below the logger's level nothing of the line is built: it would be thrown away on every request.
        guard logger.minimum <= .info else { return }
        logger.info("request", [
            "client": request.clientAddress,
            "method": request.method.rawValue,
            "route": routeName(route),
            "status": String(status),
            "duration_ms": Self.milliseconds(elapsed),
        ])
    }

    /// Milliseconds with three decimals, e.g. `12.345`.
    static func milliseconds(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
