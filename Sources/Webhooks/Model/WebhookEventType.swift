/// The operator-facing event types, with the one-line description the dashboard and docs show.
public enum WebhookEventType: String, CaseIterable, Sendable, Codable {
    case userCreated = "user.created"
    case userBrokerConnected = "user.broker_connected"
    case strategyDeployed = "strategy.deployed"
    case strategyPaused = "strategy.paused"
    case usageDaily = "usage.daily"
    case brokerDisconnected = "broker.disconnected"
    case walletLowBalance = "wallet.low_balance"
    case webhookEndpointDisabled = "webhook_endpoint.disabled"
    case apiKeyRotated = "api_key.rotated"
    case apiKeyExpiring = "api_key.expiring"

    public var summary: String {
        switch self {
        case .userCreated: "A client signed up through your branded login or was created through the API."
        case .userBrokerConnected: "A client linked a broker account (broker name and masked client code)."
        case .strategyDeployed: "A client's strategy went live; the ₹15/day burn starts."
        case .strategyPaused: "A live strategy stopped (client paused, broker disconnected, risk limit, client deleted); the burn stops."
        case .usageDaily: "The 18:30 IST roll-up of strategy-days billed to your wallet."
        case .brokerDisconnected: "A client's broker authorisation expired or was revoked."
        case .walletLowBalance: "Your prepaid wallet's runway fell under your alert threshold."
        case .webhookEndpointDisabled: "The platform disabled one of your webhook endpoints (it answered 410, or failed for 5 days)."
        case .apiKeyRotated: "An API key was rotated: which mode, the new key's id, and when the old one stops working."
        case .apiKeyExpiring: "A rotated-out API key stops working within the hour; sent again if something still used it in that hour."
        }
    }

    public static let names = Set(allCases.map(\.rawValue))
}
