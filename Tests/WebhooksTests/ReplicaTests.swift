import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Several replicas on one database: each attempt is made by one replica, ordered lanes stay ordered, a dead
/// replica's claims are taken over once their lease passed, and a stale replica's late result is refused.
@Suite(.serialized, .databases) struct ReplicaTests {
    /// Attempts in flight stay in flight for this long (real time) unless the receiver answers.
    static let patientAttempts: Duration = .seconds(60)

    @Test func twoReplicasDraining_attemptEveryDeliveryOnce_betweenThem() async throws {
        let f = try await WebhooksFixture(), b = try f.replica()
        let receivers = try (0..<3).map { _ in try Receiver.start() }
        for receiver in receivers { _ = try await f.endpoint(receiver, events: ["strategy.deployed"]) }
        let events = try (0..<20).map { try f.strategyEvent("deployed", "stg_\($0)") }
        try await f.enqueue(events)

        async let first: Void = f.webhooks.dispatcher.drain()
        async let second: Void = b.dispatcher.drain()
        _ = await (first, second)

        for receiver in receivers {
            #expect(receiver.requests.count == 20 && Set(receiver.requests.compactMap { $0.headers["webhook-id"] }).count == 20,
                    "each endpoint got each event once")
        }
        let attempts = await f.webhooks.dispatcher.statistics.attemptsDelivered + b.dispatcher.statistics.attemptsDelivered
        #expect(attempts == 60, "no delivery was attempted by both replicas")
        let deliveries = try await f.deliveries()
        #expect(deliveries.count == 60 && deliveries.allSatisfy { $0.status == .delivered && $0.attempts.count <= 1 })
        await f.stop(); await b.dispatcher.stop()
        for receiver in receivers { await receiver.stop() }
    }

    @Test func anOrderedLane_neverHasTwoAttemptsInFlight_acrossReplicas() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start(otherwise: .hang(.milliseconds(20)))
        let b = try f.replica()
        _ = try await f.endpoint(receiver)
        let actions = ["deployed", "paused", "deployed", "paused", "deployed", "paused"]
        try await f.enqueue(actions.map { try f.strategyEvent($0, "stg_1") })

        // Both replicas look for work, again and again, until the lane is through: each round, whichever claims the
        // lane's one due delivery sends it.
        for _ in 0..<actions.count * 4 where receiver.requests.count < actions.count {
            async let first: Void = f.webhooks.dispatcher.drain()
            async let second: Void = b.dispatcher.drain()
            _ = await (first, second)
        }

        #expect(receiver.received == actions.map { "strategy.\($0) stg_1" }, "in commit order, each once")
        #expect(receiver.mostAtOnce == 1, "never two attempts of the lane at once")
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func aReplicaThatStopsHoldingClaims_hasItsDeliveriesTakenOver_onceTheLeasePasses() async throws {
        let f = try await WebhooksFixture(attemptTimeout: Self.patientAttempts) { $0.maxConcurrentPerEndpoint = 1 }
        let receiver = try Receiver.start(), b = try f.replica()
        _ = try await f.endpoint(receiver)
        receiver.script(.held(500))
        try await f.enqueue((0..<5).map { try f.strategyEvent("deployed", "stg_\($0)") })
        await f.webhooks.dispatcher.start()
        #expect(await receiver.firstRequest(within: .seconds(10)) != nil, "the first replica claimed them all and sends the first")
        await f.webhooks.dispatcher.stop(drainTimeout: .milliseconds(100))

        await b.dispatcher.drain()
        #expect(receiver.requests.count == 1, "their claims hold until the lease passes")

        b.clock.advance(by: f.settings.claimLease)
        await b.dispatcher.drain()
        #expect(receiver.requests.count == 6, "the other replica sent all five")
        let deliveries = try await f.deliveries()
        #expect(deliveries.count == 5 && deliveries.allSatisfy { $0.status == .delivered })
        for delivery in deliveries {
            #expect(try await f.delivery(delivery.id).attempts.map(\.statusCode) == [200], "only the replica that took over recorded")
        }
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func aStaleReplicasLateResult_isRefused_whileTheReplicaThatTookOverHoldsTheClaim() async throws {
        let f = try await WebhooksFixture(attemptTimeout: Self.patientAttempts), receiver = try Receiver.start()
        let b = try f.replica()
        _ = try await f.endpoint(receiver)
        receiver.script(.held(200), .held(500))
        try await f.enqueue([try f.strategyEvent("deployed", "stg_1")])

        let stale = Task { await f.webhooks.dispatcher.drain() }
        #expect(await receiver.request(0, within: .seconds(10)) != nil)
        b.clock.advance(by: f.settings.claimLease)
        let current = Task { await b.dispatcher.drain() }
        #expect(await receiver.request(1, within: .seconds(10)) != nil, "the second replica took the expired claim over")

        receiver.release(0)
        await stale.value
        let id = try #require(try await f.deliveries().first).id
        let untouched = try await f.delivery(id)
        #expect(untouched.status == .pending && untouched.retries == 0 && untouched.attempts.isEmpty,
                "the first replica's 200 came after it lost the claim: not recorded")

        receiver.release(1)
        await current.value
        let recorded = try await f.delivery(id)
        #expect(recorded.status == .retrying && recorded.attempts.map(\.statusCode) == [500], "the claim holder's result stands")
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func anAttemptLongerThanTheLease_keepsItsClaim_whileItsReplicaRenewsIt() async throws {
        let f = try await WebhooksFixture(attemptTimeout: Self.patientAttempts), receiver = try Receiver.start()
        let b = try f.replica()
        _ = try await f.endpoint(receiver)
        receiver.script(.held(200))
        try await f.enqueue([try f.strategyEvent("deployed", "stg_1")])
        await f.webhooks.dispatcher.start()
        #expect(await receiver.firstRequest(within: .seconds(10)) != nil)
        await waitUntil("its poll to sleep") { f.clock.sleeperCount >= 1 }
        let claimExpiry = {
            try await f.database.read { tx in try tx.scalar("SELECT claim_expires_at FROM webhook_deliveries", as: Timestamp?.self) ?? nil }
        }
        for _ in 0..<4 {
            f.clock.advance(by: f.settings.claimRenewal)
            try await waitUntil("its claim renewed, and its poll asleep again") {
                try await claimExpiry() == f.clock.now() + f.settings.claimLease && f.clock.sleeperCount >= 1
            }
        }

        b.clock.advance(by: f.settings.claimRenewal * 4)
        await b.dispatcher.drain()
        #expect(receiver.requests.count == 1, "the attempt has run longer than a lease, and its claim still holds")
        receiver.release(0)
        await f.webhooks.dispatcher.stop()
        #expect(try await f.deliveries().first?.status == .delivered)
        #expect(try await claimExpiry() == nil, "recording cleared the claim")
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func aReplicaWhoseClaimsLapsed_sendsNothingItHadQueued_andLeavesItToTheReplicaThatTookOver() async throws {
        let f = try await WebhooksFixture(attemptTimeout: Self.patientAttempts) { $0.maxConcurrentPerEndpoint = 1 }
        let receiver = try Receiver.start(), b = try f.replica()
        _ = try await f.endpoint(receiver)
        receiver.script(.held(500))
        try await f.enqueue((0..<3).map { try f.strategyEvent("deployed", "stg_\($0)") })

        let stalled = Task { await f.webhooks.dispatcher.drain() }
        #expect(await receiver.firstRequest(within: .seconds(10)) != nil, "it claimed all three, sends the first, holds two")
        // It renews nothing meanwhile (a stalled process): for both replicas, its leases pass.
        f.clock.advance(by: f.settings.claimLease)
        b.clock.advance(by: f.settings.claimLease)
        await b.dispatcher.drain()
        #expect(receiver.requests.count == 4, "the other replica took all three over")

        receiver.release(0)
        await stalled.value
        #expect(receiver.requests.count == 4, "the stalled replica sent none of what it had queued")
        #expect(try await f.deliveries().allSatisfy { $0.status == .delivered })
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func aRunningReplica_findsDeliveriesAnotherOneCreated_withinItsDiscoveryInterval() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let b = try f.replica()
        _ = try await f.endpoint(receiver)
        await b.dispatcher.start()
        await waitUntil("the second replica's poll to sleep") { b.clock.sleeperCount >= 1 }
        try await f.enqueue([try f.strategyEvent("deployed", "stg_1")])

        b.clock.advance(by: f.settings.discoveryInterval)
        #expect(await receiver.firstRequest(within: .seconds(10)) != nil, "found by its poll, on its clock")
        await b.dispatcher.stop()
        #expect(try await f.deliveries().first?.status == .delivered)
        #expect(await f.webhooks.dispatcher.statistics.attemptsDelivered == 0)
        await f.stop(); await receiver.stop()
    }

    @Test func aReplayEnqueuedOnOneReplica_isSentByAnother() async throws {
        let f = try await WebhooksFixture(), receiver = try Receiver.start()
        let b = try f.replica()
        _ = try await f.endpoint(receiver)
        let original = try await f.delivery(of: try await f.strategy("deployed", "stg_1"))

        let replay = try await f.webhooks.replay(f.scope, original.id)
        await b.dispatcher.drain()

        #expect(try await f.delivery(replay.id).status == .delivered)
        let sentByB = await b.dispatcher.statistics.attemptsDelivered
        #expect(receiver.requests.count == 2 && sentByB == 1)
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }

    @Test func aRecoveryStartedOnOneReplica_isFedAndSentByAnother_eachEventOnce() async throws {
        let f = try await WebhooksFixture { $0.recoveryWindow = 3 }, receiver = try Receiver.start()
        let b = try f.replica()
        let start = f.clock.now()
        try await f.enqueue((0..<7).map { try f.strategyEvent("deployed", "stg_\($0)") })
        f.clock.advance(by: .seconds(60))
        b.clock.advance(by: .seconds(60))
        let endpoint = try await f.endpoint(receiver, events: ["strategy.deployed"])
        guard case .started(let recovery) = try await f.webhooks.recover(f.scope, endpointID: endpoint.id,
                                                                          RecoveryRequest(since: start, until: f.clock.now()))
        else { Issue.record("no recovery started"); return }

        for _ in 0..<10 where receiver.requests.count < 7 {
            async let first: Void = f.webhooks.dispatcher.drain()
            async let second: Void = b.dispatcher.drain()
            _ = await (first, second)
        }

        #expect(Set(receiver.requests.compactMap { $0.headers["webhook-id"] }).count == 7 && receiver.requests.count == 7)
        let done = try await f.webhooks.getRecovery(f.scope, recovery.id)
        #expect(done.status == .completed && done.queued == 7 && done.delivered == 7)
        await f.stop(); await b.dispatcher.stop(); await receiver.stop()
    }
}
