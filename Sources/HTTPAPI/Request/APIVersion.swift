import HTTPServer

/// Dated API versions. Every response names the version it was shaped by in `API-Version`; a client may ask for
/// one with the same request header. Operators will be pinned to the version current when they signed up, and a
/// breaking change ships as a new date.
public enum APIVersion {
    public static let header = "API-Version"
    /// What a request gets when it names none (and, later, has no pinned version).
    public static let current = "2026-11-01"
    /// Every version this build can serve, oldest first.
    public static let supported = [current]

    /// The version the request asked for, or ``current``.
    /// - Throws: ``APIError`` `unsupported_api_version` for a version this build does not know.
    package static func resolve(_ headers: HTTPHeaders) throws(APIError) -> String {
        guard let requested = headers[header] else { return current }
        guard supported.contains(requested) else {
            throw APIError(
                .unsupportedAPIVersion,
                "The requested API-Version is not supported. Supported versions: \(supported.joined(separator: ", ")).")
        }
        return requested
    }
}
