import Accounts
import HTTPAPI
import HTTPServer
import Kernel

extension Routes {
    /// What end clients' apps call: sign-up, login-link redemption and the broker link.
    /// Login-token redemptions go through the same `throttle` as bearer tokens.
    public static func client(_ accounts: Accounts, throttle: AuthenticationThrottle) -> [Route] {
        [
            Route(.post, "/v1/client/signup", auth: .none, operation: .clientSignup) { context in
                try .json(encoding: try await accounts.signup(try context.decode(ClientSignup.self)), status: 201)
            },
            Route(.post, "/v1/client/login", auth: .none, operation: .clientLogin) { context in
                let session = try await throttle.attempt(from: context.request.clientAddress) {
                    try await accounts.redeemLoginToken(try context.decode(ClientLoginRequest.self).token)
                }
                return try .json(encoding: session)
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
