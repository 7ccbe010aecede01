@testable import Accounts
import Kernel

/// Accounts' event payloads built directly, for tests that play Accounts on the bus: they publish Accounts' own
/// types through its own encoding, so a test's event is exactly what production sends (no hand-written mirror).
extension UserCreatedPayload {
    public static func mock(id: String, planID: String, livemode: Bool) -> UserCreatedPayload {
        UserCreatedPayload(user: .mock(id: id, planID: planID, livemode: livemode), source: "api")
    }
}

extension User {
    /// An active client with no broker, created at 2026-09-21.
    public static func mock(id: String, planID: String, livemode: Bool) -> User {
        User(id: id, email: "client@example.com", phone: "+919800000000", name: nil, externalID: nil, planID: planID, status: "active",
             livemode: livemode, createdAt: Timestamp(milliseconds: 1_790_000_000_000), deletedAt: nil, purgeAfter: nil, broker: nil)
    }
}

extension BrokerConnectedPayload {
    public static func mock(userID: String, broker: String = "zerodha", clientCodeMasked: String = "••••4821") -> BrokerConnectedPayload {
        BrokerConnectedPayload(userID: userID, broker: broker, clientCodeMasked: clientCodeMasked, expiresAt: nil)
    }
}

extension BrokerDisconnectedPayload {
    public static func mock(userID: String, broker: String = "zerodha", reason: String = "revoked") -> BrokerDisconnectedPayload {
        BrokerDisconnectedPayload(userID: userID, broker: broker, reason: reason)
    }
}

extension UserLifecyclePayload {
    public static func mock(userID: String, planID: String = "plan_gold") -> UserLifecyclePayload {
        UserLifecyclePayload(userID: userID, planID: planID, at: Timestamp(milliseconds: 1_790_000_000_000))
    }
}

extension OperatorSettingsPayload {
    public static func mock(
        operatorID: String, tier: String = "standard", limits: [String: Int] = [:], strategyDayPricePaise: Int64 = 1500
    ) -> OperatorSettingsPayload {
        OperatorSettingsPayload(operatorID: operatorID, slug: "acme", tier: tier, limits: limits, strategyDayPricePaise: strategyDayPricePaise)
    }
}
