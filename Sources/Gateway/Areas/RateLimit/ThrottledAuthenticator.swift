import HTTPAPI
import HTTPServer

/// Puts an authenticator behind the ``AuthenticationThrottle``: an address that failed too often gets 429 before
/// its token is even looked at, and every token that authenticates nobody counts against it.
public struct ThrottledAuthenticator: Authenticator {
    let wrapped: any Authenticator
    let throttle: AuthenticationThrottle

    public init(_ wrapped: any Authenticator, throttle: AuthenticationThrottle) {
        self.wrapped = wrapped
        self.throttle = throttle
    }

    public var kind: Principal.Kind { wrapped.kind }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        try await throttle.attempt(from: request.clientAddress) {
            try await wrapped.authenticate(bearerToken: token, request: request)
        }
    }
}
