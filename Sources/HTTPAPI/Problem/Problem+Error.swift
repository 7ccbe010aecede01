import HTTPServer
import Kernel

extension Problem {
    /// The one place where errors become problems: status, type, title, field errors and headers.
    ///
    /// Returns nil for an error that carries no code: a bug or an outage, which the caller logs and answers with
    /// ``internalError(requestID:)`` so nothing of it reaches the client.
    public init?(_ error: any Error, requestID: String) {
        switch (error as? TooManyFailedAuthentications)?.apiError ?? error {
        case let error as APIError:
            self.init(code: error.code.rawValue, title: error.code.title, status: error.code.status, detail: error.detail,
                      requestID: requestID, errors: error.fieldErrors, extensions: error.extensions, headers: error.headers)
        case let error as DomainError:
            self.init(code: error.code.rawValue, title: error.title, status: error.kind.httpStatus, detail: error.message,
                      requestID: requestID, errors: error.fields, extensions: error.extensions.mapValues(JSONValue.init))
        default:
            return nil
        }
        if status == 401, !headers.contains("WWW-Authenticate") {
            headers["WWW-Authenticate"] = Self.bearerChallenge
        }
    }

    /// RFC 6750 §3: every 401 names the scheme it wants.
    public static let bearerChallenge = #"Bearer realm="operator-api""#

    /// The answer to an error that must not be described to the client.
    public static func internalError(requestID: String) -> Problem {
        Problem(
            code: APIError.Code.internalError.rawValue, title: APIError.Code.internalError.title, status: 500,
            detail: "An unexpected error occurred. Quote the request id if you contact support.", requestID: requestID)
    }
}
