import HTTPAPI
import HTTPServer

/// Establishes the ``Principal`` for routes that need one; public routes pass straight through (a token sent to
/// them is ignored, not checked).
struct AuthenticationMiddleware: Middleware {
    let authenticators: [Principal.Kind: any Authenticator]

    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        let accepted = context.endpoint.auth.accepted
        guard !accepted.isEmpty else { return try await next(context) }
        switch BearerToken.read(context.request.headers) {
        case .missing:
            throw APIError(
                .authenticationRequired,
                "This endpoint requires \(accepted.map(\.credentialName).joined(separator: " or ")), sent as `Authorization: Bearer <token>`.")
        case .malformed:
            throw Self.invalidCredentials
        case .duplicate:
            throw APIError(.duplicateAuthorization, "Send one Authorization header: with several, which credential the request stands for is ambiguous.")
        case .token(let token):
            for kind in accepted {
                if let principal = try await authenticators[kind]?.authenticate(bearerToken: token, request: context.request) {
                    var context = context
                    context.principal = principal
                    return try await next(context)
                }
            }
            throw Self.invalidCredentials
        }
    }

    /// Says nothing about why (unknown, revoked, expired, wrong kind), so probing teaches an attacker nothing.
    private static let invalidCredentials = APIError(
        .invalidCredentials, "The bearer token is invalid, expired or revoked.",
        headers: ["WWW-Authenticate": Problem.bearerChallenge + #", error="invalid_token""#])
}

extension Principal.Kind {
    /// How a 401 names the credential a route wants.
    fileprivate var credentialName: String {
        switch self {
        case .operatorKey: "an operator API key"
        case .admin: "an admin token"
        case .clientSession: "a client session token"
        case .metricsScraper: "the metrics token"
        }
    }
}
