import HTTPAPI
import HTTPServer
import Kernel

extension APIError {
    /// 400 `invalid_parameter` naming the query parameter, worded as ``QueryParameters`` words its own.
    static func invalidParameter(_ name: String, _ message: String) -> APIError {
        APIError(.invalidParameter, "The query parameter \(name) is invalid.", fieldErrors: [FieldError(field: name, message: message)])
    }

    /// Runs the handler of a route whose only input is its query string, reporting a domain `invalid` error as 400
    /// `invalid_parameter` with the same fields (the domain names each parameter as its field).
    ///
    /// So every bad query parameter of such a route is a 400, whether the Gateway parsed it (`limit=abc`) or the
    /// domain judged it (`from` after `to`, an unknown `starting_after`); 422 stays the status of bad bodies.
    static func reportingQueryErrors(_ handler: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        do {
            return try await handler()
        } catch let error as DomainError where error.kind == .invalid {
            throw APIError(.invalidParameter, error.message, fieldErrors: error.fields)
        }
    }
}
