import Accounts
import Billing
import Kernel
import Strategies
import Testing
import Webhooks

/// A platform on which every event type has been published, each by its real publisher in the course of things:
/// operators created and updated, clients signed up and created, brokers linked (with an expiry), revoked and
/// expired, strategies deployed and paused, a low balance, a roll-up, a client deleted, restored and purged, the live
/// key rotated with four hours' grace (its last-hour notice goes out on the 12:01 maintenance pass), and a webhook
/// endpoint that answered 410 disabled.
enum EventCatalogue {
    /// Every type the catalogue publishes; the contract tests require a sample of each.
    static let types: Set<String> = [
        AccountsEvent.operatorCreated, AccountsEvent.operatorUpdated, AccountsEvent.userCreated, AccountsEvent.userBrokerConnected,
        AccountsEvent.brokerDisconnected, AccountsEvent.userDeleted, AccountsEvent.userRestored, AccountsEvent.userPurged,
        AccountsEvent.apiKeyRotated, AccountsEvent.apiKeyExpiring,
        StrategiesEvent.deployed, StrategiesEvent.paused, BillingEvent.usageDaily, BillingEvent.walletLowBalance,
        WebhookEventType.webhookEndpointDisabled.rawValue,
    ]

    /// Runs the catalogue's story; returns the platform (still running; stop it) and the operator's live scope.
    /// A deleted client's data is purged after a day instead of 30, so the purge comes before the outbox is pruned.
    static func publishEverything() async throws -> (Platform, TenantScope) {
        let platform = try await Platform(at: "2026-11-20 09:00") {
            $0.accounts.retention = .seconds(86_400)
            $0.webhooks.allowPrivateTargets = true
        }
        let acme = try await platform.onboardOperator("acme", topUp: 3_000)
        _ = try await platform.accounts.updateOperator(acme.operatorID, OperatorUpdate(tier: "scale", limits: ["requests_per_minute": 2000]))
        let gone = try platform.receiver(answering: 410)
        _ = try await platform.services.webhooks.createEndpoint(acme, NewWebhookEndpoint(url: gone.url + "/hooks", events: ["user.created"]))
        let plan = try await platform.accounts.listPlans(acme)[0].id
        _ = try await platform.accounts.createUser(acme, NewUser(email: "api@example.com", phone: "+919800000001", planID: plan,
                                                                 name: "Api Client", externalID: "crm-1"))
        for case .failure(let error) in await platform.accounts.createUsers(acme, [NewUser(email: "bulk@example.com", phone: "+919800000002", planID: plan)]) {
            throw error
        }
        _ = try await platform.eventually("the endpoint that answered 410 disabled") {
            try await platform.events(WebhookEventType.webhookEndpointDisabled.rawValue).first
        }

        let asha = try await platform.signUpClient("asha@example.com", of: "acme", brokerExpiry: IST.at("2026-11-20 12:00"))
        let ashas = try await platform.deployLive(for: asha)
        let ravi = try await platform.signUpClient("ravi@example.com", of: "acme")
        _ = try await platform.deployLive(for: ravi)
        _ = try await platform.strategies.pause(acme, userID: asha.userID, strategyID: ashas.id)
        _ = try await platform.strategies.deploy(acme, userID: asha.userID, strategyID: ashas.id, mode: .live)
        _ = try await platform.accounts.disconnectBroker(ravi)
        _ = try await platform.accounts.deleteUser(acme, ravi.userID)
        _ = try await platform.accounts.restoreUser(acme, ravi.userID)
        _ = try await platform.accounts.deleteUser(acme, ravi.userID)
        _ = try await platform.accounts.rotateKey(acme, mode: .live, grace: .seconds(4 * 3600))
        try await platform.settle()

        await platform.advance(to: "2026-11-20 12:01")
        _ = try await platform.eventually("the expired broker link") { try await platform.events(StrategiesEvent.paused).count == 3 ? true : nil }
        await platform.advance(to: "2026-11-20 18:31")
        _ = try await platform.eventually("the roll-up") { try await platform.events(BillingEvent.usageDaily).first }
        await platform.advance(to: "2026-11-21 19:00")
        _ = try await platform.eventually("the purge") { try await platform.events(AccountsEvent.userPurged).first }
        try await platform.settle()
        return (platform, acme)
    }
}
