import HTTPServer

/// Turns a bearer token into a ``Principal`` for one kind of credential. Later issues implement one per kind
/// (operator API keys, the admin token, client sessions) and the Gateway runs them before a route that needs one.
public protocol Authenticator: Sendable {
    var kind: Principal.Kind { get }

    /// The principal `token` stands for, or nil when it is not a valid, live credential of this kind. Compare
    /// secrets in constant time (Kernel's `ConstantTime`). Throw only when the check itself failed (storage down).
    func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal?
}
