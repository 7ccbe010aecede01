import Accounts
import Kernel
import Strategies
import Testing
import TestSupport

/// A broker authorisation runs out: Accounts' maintenance expires it on its own clock, and Strategies pauses the
/// live strategy it traded through.
@Suite(.databases) struct BrokerExpiryStory {
    @Test func anExpiredBrokerLink_pausesTheLiveStrategy() async throws {
        let platform = try await Platform(at: "2026-11-20 09:00")
        _ = try await platform.onboardOperator("acme", topUp: 100_000)
        let client = try await platform.signUpClient("ravi@example.com", of: "acme", brokerExpiry: IST.at("2026-11-20 12:00"))
        await platform.advance(to: "2026-11-20 09:30")
        _ = try await platform.deployLive(for: client)

        await platform.advance(to: "2026-11-20 12:01")
        let event = try await platform.eventually("strategy.paused after the broker expired") {
            try await platform.events(StrategiesEvent.paused).first
        }
        #expect(try event.decode(StrategyPausedPayload.self).reason == .brokerDisconnected)
        let disconnected = try #require(try await platform.events(AccountsEvent.brokerDisconnected).first)
        #expect(try disconnected.decode(BrokerDisconnectedPayload.self).reason == "expired")
        #expect(disconnected.sequence < event.sequence)
        let strategy = try await platform.strategy(of: client)
        #expect(strategy.status == .paused && strategy.pauseReason == .brokerDisconnected)
        let user = try await platform.accounts.getUser(client.scope, client.userID)
        #expect(user.broker?.status == "disconnected" && user.broker?.disconnectReason == "expired")
        try await platform.stop()
    }
}
