import Accounts
import HTTPAPI
import HTTPServer
import Kernel
import RateLimit

extension Routes {
    /// What end clients' apps call: sign-up, login-link redemption and the broker link.
    /// Failed login-token redemptions count against the caller's address like failed bearer tokens.
    public static func client(_ accounts: Accounts, limits: RateLimit) -> [Route] {
        [
            Route(.post, "/v1/client/signup", auth: .none, operation: .clientSignup) { context in
                try .json(encoding: try await accounts.signup(try context.decode(ClientSignup.self)), status: 201)
            },
            Route(.post, "/v1/client/login", auth: .none, operation: .clientLogin) { context in
                let address = context.request.remoteAddress
                let gate = limits.authenticationAllowed(from: address)
                guard gate.allowed else { throw APIError.tooManyFailedAuthentications(gate) }
                do {
                    return try .json(encoding: try await accounts.redeemLoginToken(try context.decode(ClientLoginRequest.self).token))
                } catch let error as DomainError where error.kind == .unauthenticated {
                    limits.recordAuthenticationFailure(from: address)
                    throw error
                }
            },
            Route(.post, "/v1/client/broker", auth: .clientSession, operation: .connectBroker) { context in
                let client = ClientPrincipal(scope: try context.scope, userID: try context.clientUserID)
                return try .json(encoding: try await accounts.connectBroker(client, try context.decode(BrokerLink.self)))
            },
            Route(.delete, "/v1/client/broker", auth: .clientSession, operation: .disconnectBroker) { context in
                let client = ClientPrincipal(scope: try context.scope, userID: try context.clientUserID)
                return try .json(encoding: try await accounts.disconnectBroker(client))
            },
        ]
    }
}
