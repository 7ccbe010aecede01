import Accounts
import Billing
import Kernel
import Strategies
import Testing

/// The people of the stories, brought in through the actors, as the API would.
extension Platform {
    static let template = TemplateSource.markdown("---\nname: Nifty momentum\ninstruments: [NIFTY, BANKNIFTY]\n---\nRides the trend.\n")

    /// An operator created by the platform admin, known to every module, with `topUp` paise credited to its live
    /// wallet. Returns its live scope.
    func onboardOperator(_ slug: String, topUp paise: Int64) async throws -> TenantScope {
        let created = try await accounts.createOperator(NewOperator(name: slug.capitalized, slug: slug))
        try await settle()
        try await billing.credit(operatorID: created.operator.id, amountPaise: paise, reference: "pay_\(slug)_1")
        return TenantScope(operatorID: created.operator.id, mode: .live)
    }

    /// A client who signs up through the operator's branded login and links a broker (expiring at `brokerExpiry`,
    /// if given), with the other modules caught up.
    func signUpClient(_ email: String, of slug: String, brokerExpiry: Timestamp? = nil) async throws -> ClientPrincipal {
        let session = try await accounts.signup(ClientSignup(operator: slug, email: email, phone: "+919876543210"))
        let scope = TenantScope(operatorID: try await operatorID(slug), mode: .live)
        let client = ClientPrincipal(scope: scope, userID: session.user.id)
        _ = try await accounts.connectBroker(client, BrokerLink(broker: "zerodha", clientCode: "AB1234", expiresAt: brokerExpiry))
        try await settle()
        return client
    }

    /// The operator pushes the template to the client, who deploys their copy to live trading.
    func deployLive(for client: ClientPrincipal) async throws -> Strategy {
        _ = try await strategies.push(client.scope, target: .user(client.userID), template: Self.template)
        let copy = try #require(try await strategies.listClientStrategies(client.scope, userID: client.userID).data.first)
        let live = try await strategies.deploy(client.scope, userID: client.userID, strategyID: copy.id, mode: .live)
        try await settle()
        return live
    }

    /// The client's only strategy as it stands now.
    func strategy(of client: ClientPrincipal) async throws -> Strategy {
        let list = try await strategies.listClientStrategies(client.scope, userID: client.userID)
        try #require(list.data.count == 1)
        return list.data[0]
    }

    private func operatorID(_ slug: String) async throws -> String {
        try #require(try await accounts.listOperators().first { $0.slug == slug }).id
    }
}
