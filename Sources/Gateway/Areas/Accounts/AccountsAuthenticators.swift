import Accounts
import HTTPAPI
import HTTPServer

/// Operator API keys (`tt_wl_{slug}_{live|test}_…`): the key's mode becomes the request's mode; a key rotated out
/// carries the end of its grace period.
public struct OperatorKeyAuthenticator: Authenticator {
    public let kind = Principal.Kind.operatorKey
    let accounts: Accounts

    public init(accounts: Accounts) { self.accounts = accounts }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        guard let key = await accounts.authenticate(apiKey: token) else { return nil }
        return Principal(kind: .operatorKey, tenant: key.scope.operatorID, mode: key.scope.mode, subject: key.keyID, retiresAt: key.expiresAt)
    }
}

/// The platform admin token (`OPERATOR_API_ADMIN_TOKEN`, or the one generated on first start).
public struct AdminAuthenticator: Authenticator {
    public let kind = Principal.Kind.admin
    let accounts: Accounts

    public init(accounts: Accounts) { self.accounts = accounts }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        await accounts.isAdminToken(token) ? Principal(kind: .admin, tenant: nil, mode: nil, subject: "admin") : nil
    }
}

/// End clients' session tokens (`cs_…`) from a login link or a sign-up.
public struct ClientSessionAuthenticator: Authenticator {
    public let kind = Principal.Kind.clientSession
    let accounts: Accounts

    public init(accounts: Accounts) { self.accounts = accounts }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        guard let client = await accounts.authenticateClient(sessionToken: token) else { return nil }
        return Principal(kind: .clientSession, tenant: client.scope.operatorID, mode: client.scope.mode, subject: client.userID)
    }
}
