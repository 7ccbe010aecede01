import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// Domain errors as domain modules throw them.
extension DomainError {
    static let widgetNotFound = DomainError(.notFound, code: ErrorCode("widget_not_found"), "No widget wid_1.")
    static let widgetTooBig = DomainError(.invalid, code: ErrorCode("widget_too_big"), "Too big.", fields: [.init(field: "size", message: "At most 10.")])
    static let sessionExpired = DomainError(.unauthenticated, code: ErrorCode("session_expired"), "Sign in again.")
}

struct DatabaseExploded: Error, CustomStringConvertible {
    var description: String { "SQLITE_CORRUPT at /var/lib/secret/path.sqlite" }
}

@Suite struct ProblemTests {
    func gateway(throwing error: any Error, logger: Logger = .discard) -> Gateway {
        .make(routes: [.test(.get, "/v1/boom") { _ in throw error }], logger: logger)
    }

    @Test func problem_whenDomainErrorThrown_usesItsCodeTitleAndKindStatus() async {
        let response = await gateway(throwing: DomainError.widgetNotFound).handle(.make(.get, "/v1/boom"))
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let json = response.json
        #expect(json["type"] == "https://docs.operator-api.dev/problems/widget_not_found")
        #expect(json["title"] == "Widget not found")
        #expect(json["status"] == 404)
        #expect(json["detail"] == "No widget wid_1.")
        #expect(json["code"] == "widget_not_found")
        #expect(json["request_id"]?.string == response.headers["Request-Id"])
        #expect(json["errors"] == nil)
    }

    @Test func problem_whenDomainErrorHasFieldErrors_listsThem() async {
        let error = DomainError.widgetTooBig
        let response = await gateway(throwing: error).handle(.make(.get, "/v1/boom"))
        #expect(response.status == 422)
        #expect(response.json["errors"] == [["field": "size", "message": "At most 10."]])
    }

    @Test func problem_whenStatusIs401_challengesForABearerToken() async {
        let response = await gateway(throwing: DomainError.sessionExpired).handle(.make(.get, "/v1/boom"))
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="operator-api""#)
    }

    @Test func problem_whenErrorUnknown_answers500WithoutInternals_andLogsIt() async throws {
        let log = LogCapture()
        let response = await gateway(throwing: DatabaseExploded(), logger: log.logger).handle(.make(.get, "/v1/boom"))
        #expect(response.status == 500)
        #expect(response.json["code"] == "internal_error")
        #expect(!response.text.contains("SQLITE"))
        #expect(!response.text.contains("secret"))
        let logged = try #require(log.entries(message: "unhandled error").first)
        #expect(logged["error"] == "SQLITE_CORRUPT at /var/lib/secret/path.sqlite")
        #expect(logged["request_id"] == response.headers["Request-Id"])
        #expect(logged["route"] == "/v1/boom")
    }

    @Test func errorKind_mapsEveryKindToAClientErrorOrUnavailable() {
        #expect(DomainError.Kind.allCases.map(\.httpStatus) == [422, 404, 409, 401, 403, 429, 400, 503])
    }

    @Test func protocolErrorResponse_hasTheProblemShapeWithAFreshRequestId() {
        let log = LogCapture()
        let gateway = Gateway.make(logger: log.logger)
        let response = gateway.protocolErrorResponse(status: 431, detail: "Header fields exceed 16 KiB.")
        #expect(response.status == 431)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.headers["API-Version"] == APIVersion.current)
        let id = response.headers["Request-Id"] ?? ""
        #expect(Identifier.isValid(id, prefix: "req"))
        #expect(response.json == [
            "type": "https://docs.operator-api.dev/problems/request_header_fields_too_large",
            "title": "Request Header Fields Too Large", "status": 431, "detail": "Header fields exceed 16 KiB.",
            "code": "request_header_fields_too_large", "request_id": .string(id),
        ])
        #expect(log.entries(message: "protocol error").first?["request_id"] == id)
        #expect(gateway.protocolErrorResponse(status: 599, detail: "x").json["code"] == "http_599")
    }
}
