import HTTPServer

/// A failure detected at the HTTP layer of the API (routing, media types, bodies, credentials, quotas).
///
/// Unlike a domain ``DomainError`` it knows its status, because these failures only exist in HTTP terms; it can also
/// carry the headers that belong to the status (`Allow`, `Retry-After`) and extra problem members.
public struct APIError: Error, Sendable {
    /// The HTTP layer's problem types.
    public struct Code: Hashable, Sendable {
        public let rawValue: String
        public let status: Int
        public let title: String

        public static let notFound = Code(rawValue: "not_found", status: 404, title: "Not found")
        public static let methodNotAllowed = Code(rawValue: "method_not_allowed", status: 405, title: "Method not allowed")
        public static let unsupportedMediaType = Code(rawValue: "unsupported_media_type", status: 415, title: "Unsupported media type")
        public static let invalidJSON = Code(rawValue: "invalid_json", status: 400, title: "Malformed JSON body")
        public static let validationFailed = Code(rawValue: "validation_failed", status: 422, title: "Validation failed")
        public static let invalidParameter = Code(rawValue: "invalid_parameter", status: 400, title: "Invalid parameter")
        public static let unsupportedAPIVersion = Code(rawValue: "unsupported_api_version", status: 400, title: "Unsupported API version")
        public static let authenticationRequired = Code(rawValue: "authentication_required", status: 401, title: "Authentication required")
        public static let invalidCredentials = Code(rawValue: "invalid_credentials", status: 401, title: "Invalid credentials")
        /// More than one `Authorization` field (RFC 9110 makes it a singleton).
        public static let duplicateAuthorization = Code(rawValue: "duplicate_authorization", status: 400, title: "Duplicate Authorization header")
        public static let rateLimited = Code(rawValue: "quota_exceeded", status: 429, title: "Quota exceeded")
        public static let idempotencyKeyReused = Code(rawValue: "idempotency_key_reused", status: 422, title: "Idempotency key reused")
        public static let idempotencyKeyInUse = Code(rawValue: "idempotency_key_in_use", status: 409, title: "Idempotency key in use")
        public static let notReady = Code(rawValue: "not_ready", status: 503, title: "Not ready")
        public static let internalError = Code(rawValue: "internal_error", status: 500, title: "Internal error")

        /// The code for an HTTP-level error the server reports on its own (`uri_too_long`, `request_timeout`…),
        /// named after the status's reason phrase.
        public init(httpStatus status: Int) {
            let reason = HTTPStatus.reason(status)
            self.init(
                rawValue: reason.isEmpty ? "http_\(status)" : reason.lowercased().replacingOccurrences(of: " ", with: "_"),
                status: status, title: reason.isEmpty ? "HTTP error \(status)" : reason)
        }

        init(rawValue: String, status: Int, title: String) {
            self.rawValue = rawValue
            self.status = status
            self.title = title
        }
    }

    public let code: Code
    /// What happened this time; clients read it.
    public let detail: String
    public var fieldErrors: [FieldError]
    /// Headers the response must carry, e.g. `Allow` with a 405.
    public var headers: HTTPHeaders
    /// Extra problem members (RFC 9457 §3.2), e.g. the failing checks of `/readyz`.
    public var extensions: [String: JSONValue]

    public init(
        _ code: Code, _ detail: String, fieldErrors: [FieldError] = [], headers: HTTPHeaders = [:],
        extensions: [String: JSONValue] = [:]
    ) {
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
        self.extensions = extensions
    }
}
