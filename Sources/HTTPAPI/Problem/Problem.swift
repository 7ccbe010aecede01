import HTTPServer

/// An RFC 9457 problem document, the body of every error response:
/// `{"type", "title", "status", "detail", "code", "request_id", "errors": [{"field", "message"}]}`.
///
/// `code` repeats the last segment of `type` so clients can switch on a short string; `request_id` is what support
/// asks for; `errors` is present only when fields were rejected.
public struct Problem: Sendable {
    /// Every problem type is documented at this base followed by its code.
    public static let typeBase = "https://docs.operator-api.dev/problems/"
    public static let contentType = "application/problem+json"

    public var code: String
    public var title: String
    public var status: Int
    public var detail: String
    public var requestID: String
    public var errors: [FieldError] = []
    public var extensions: [String: JSONValue] = [:]
    /// Headers that travel with this problem (`Allow`, `Retry-After`, `WWW-Authenticate`); not part of the body.
    public var headers: HTTPHeaders = [:]

    public init(
        code: String, title: String, status: Int, detail: String, requestID: String, errors: [FieldError] = [],
        extensions: [String: JSONValue] = [:], headers: HTTPHeaders = [:]
    ) {
        self.code = code
        self.title = title
        self.status = status
        self.detail = detail
        self.requestID = requestID
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    /// The problem type URI.
    public var type: String { Self.typeBase + code }

    public var json: JSONValue {
        var members = extensions
        members["type"] = .string(type)
        members["title"] = .string(title)
        members["status"] = .number(String(status))
        members["detail"] = .string(detail)
        members["code"] = .string(code)
        members["request_id"] = .string(requestID)
        if !errors.isEmpty {
            members["errors"] = .array(errors.map { .object(["field": .string($0.field), "message": .string($0.message)]) })
        }
        return .object(members)
    }

    public var response: HTTPResponse {
        var headers = self.headers
        headers["Content-Type"] = Self.contentType
        headers["Request-Id"] = requestID
        return HTTPResponse(status: status, headers: headers, body: json.serialized())
    }
}
