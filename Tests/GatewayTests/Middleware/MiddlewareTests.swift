import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

/// A middleware that records itself and tags the response.
struct TaggingMiddleware: Middleware {
    let trace: Trace

    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        trace.record("middleware")
        var response = try await next(context)
        response.headers["X-Tagged"] = "yes"
        return response
    }
}

@Suite struct MiddlewareTests {
    let trace = Trace()
    static let bearer: HTTPHeaders = ["Authorization": "Bearer \(StubAuthenticator.operatorToken)"]

    func gateway(limit decision: RateLimitDecision = .allow()) -> Gateway {
        .make(
            routes: [
                .test(.get, "/v1/private", auth: .operatorKey) { [trace] context in
                    trace.record("handler:\(context.principal?.tenant ?? "none")")
                    return .ok
                },
                .test(.get, "/v1/public") { [trace] context in
                    trace.record("handler:\(context.principal == nil ? "anonymous" : "someone")")
                    return .ok
                },
            ],
            authenticators: [StubAuthenticator.operatorKey(trace: trace)],
            rateLimiter: ScriptedRateLimiter(decision: decision, trace: trace),
            middleware: [TaggingMiddleware(trace: trace)])
    }

    @Test func chain_runsAuthThenRateLimitThenMiddlewareThenHandler() async {
        let response = await gateway().handle(.make(.get, "/v1/private", headers: Self.bearer))
        #expect(response.status == 200)
        #expect(response.headers["X-Tagged"] == "yes")
        #expect(trace.recorded == ["auth", "limit:key_1", "middleware", "handler:op_1"])
    }

    @Test func auth_whenRouteIsPublic_skipsAuthentication() async {
        let response = await gateway().handle(.make(.get, "/v1/public", headers: Self.bearer))
        #expect(response.status == 200)
        #expect(trace.recorded == ["limit:anonymous", "middleware", "handler:anonymous"])
    }

    @Test func auth_whenCredentialsMissing_answers401WithBearerChallenge() async {
        let response = await gateway().handle(.make(.get, "/v1/private"))
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="operator-api""#)
        #expect(response.json["code"] == "authentication_required")
        #expect(response.json["detail"] == "This endpoint requires an operator API key, sent as `Authorization: Bearer <token>`.")
        #expect(trace.recorded.isEmpty)
    }

    @Test(arguments: ["Bearer sk_test_wrong", "Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "bearer sk_test_wrong"])
    func auth_whenCredentialsInvalid_answers401InvalidToken(authorization: String) async {
        let response = await gateway().handle(.make(.get, "/v1/private", headers: ["Authorization": authorization]))
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="operator-api", error="invalid_token""#)
        #expect(response.json["code"] == "invalid_credentials")
        #expect(!trace.recorded.contains { $0.hasPrefix("handler") || $0.hasPrefix("limit") })
    }

    @Test func auth_acceptsTheSchemeInAnyCase() async {
        let response = await gateway().handle(.make(.get, "/v1/private", headers: ["Authorization": "bEaReR \(StubAuthenticator.operatorToken)"]))
        #expect(response.status == 200)
    }

    @Test func rateLimit_whenRefused_answers429WithRetryAfter_andSkipsTheHandler() async {
        let refused = RateLimitDecision.refuse(retryAfter: .milliseconds(2_500), headers: ["RateLimit": "limit=100, remaining=0, reset=3"])
        let response = await gateway(limit: refused).handle(.make(.get, "/v1/private", headers: Self.bearer))
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == "3")
        #expect(response.headers["RateLimit"] == "limit=100, remaining=0, reset=3")
        #expect(response.json["code"] == "quota_exceeded")
        #expect(trace.recorded == ["auth", "limit:key_1"])
    }

    @Test func rateLimit_whenAllowed_addsItsHeadersToTheResponse() async {
        let allowed = RateLimitDecision.allow(headers: ["RateLimit": "limit=100, remaining=99, reset=60"])
        let response = await gateway(limit: allowed).handle(.make(.get, "/v1/private", headers: Self.bearer))
        #expect(response.status == 200)
        #expect(response.headers["RateLimit"] == "limit=100, remaining=99, reset=60")
    }
}
