@testable import Gateway
@testable import HTTPAPI
import HTTPServer

/// Accepts exactly the tokens it was given.
struct StubAuthenticator: Authenticator {
    let kind: Principal.Kind
    let tokens: [String: Principal]
    var trace: Trace?

    func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        trace?.record("auth")
        return tokens[token]
    }

    static let operatorToken = "sk_test_opensesame"
    static let operatorPrincipal = Principal(kind: .operatorKey, tenant: "op_1", mode: .test, subject: "key_1")

    static func operatorKey(trace: Trace? = nil) -> StubAuthenticator {
        StubAuthenticator(kind: .operatorKey, tokens: [operatorToken: operatorPrincipal], trace: trace)
    }
}
