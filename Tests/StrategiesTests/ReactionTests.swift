import Accounts
import APITestSupport
@testable import Strategies
import Kernel
import Testing
import TestSupport

/// The bus reactions, driven the way production drives them: Accounts' events published on the bus.
@Suite(.databases) struct ReactionTests {
    /// A client with a broker and two strategies: the first live, the second on paper.
    static func clientWithLiveAndPaper(_ f: StrategiesFixture) async throws -> (user: String, live: String, paper: String) {
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user), template: TemplateExamples.minimal("Live one"))
        try await f.push(f.live, to: .user(user), template: TemplateExamples.minimal("Paper one"))
        let list = try await f.strategies.listClientStrategies(f.live, userID: user).data
        let live = try #require(list.first { $0.name == "Live one" }).id, paper = try #require(list.first { $0.name == "Paper one" }).id
        _ = try await f.strategies.deploy(f.live, userID: user, strategyID: live, mode: .live)
        _ = try await f.strategies.deploy(f.live, userID: user, strategyID: paper, mode: .paper)
        return (user, live, paper)
    }

    static func statuses(_ f: StrategiesFixture, _ user: String) async throws -> [String: (StrategyStatus, PauseReason?)] {
        let list = try await f.strategies.listClientStrategies(f.live, userID: user).data
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id, ($0.status, $0.pauseReason)) })
    }

    @Test func deletingAClient_pausesTheirLiveAndPaperStrategies_publishingOnceForTheLiveOne() async throws {
        let f = try await StrategiesFixture()
        let c = try await Self.clientWithLiveAndPaper(f)
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: c.user))
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: c.user))
        let now = try await Self.statuses(f, c.user)
        #expect(now[c.live]?.0 == .paused && now[c.live]?.1 == .clientDeleted)
        #expect(now[c.paper]?.0 == .paused && now[c.paper]?.1 == .clientDeleted)
        let paused = try await f.events(StrategiesEvent.paused)
        #expect(paused.count == 1)
        #expect(try paused[0].decode(StrategyPausedPayload.self) == StrategyPausedPayload(
            strategyID: c.live, userID: c.user, planID: "plan_gold", broker: "zerodha", reason: .clientDeleted))
    }

    @Test func aBrokerDisconnect_pausesOnlyLiveStrategies_once() async throws {
        let f = try await StrategiesFixture()
        let c = try await Self.clientWithLiveAndPaper(f)
        try await f.publish(AccountsEvent.brokerDisconnected, f.live, BrokerDisconnectedPayload.mock(userID: c.user, reason: "expired"))
        try await f.publish(AccountsEvent.brokerDisconnected, f.live, BrokerDisconnectedPayload.mock(userID: c.user, reason: "expired"))
        let now = try await Self.statuses(f, c.user)
        #expect(now[c.live]?.0 == .paused && now[c.live]?.1 == .brokerDisconnected)
        #expect(now[c.paper]?.0 == .paper, "paper trading needs no broker")
        #expect(try await f.events(StrategiesEvent.paused).map { try $0.decode(StrategyPausedPayload.self).reason } == [.brokerDisconnected])
        let strategy = try await f.strategies.listClientStrategies(f.live, userID: c.user).data[0]
        #expect(strategy.broker == StrategyBroker(name: "zerodha", status: "disconnected", clientCodeMasked: "••••4821"))
        await expectDomainError(.conflict, .brokerNotConnected) {
            _ = try await f.strategies.deploy(f.live, userID: c.user, strategyID: c.live, mode: .live)
        }
    }

    @Test func reapplyingAnEventAlreadyHandled_changesNothing_evenAfterTheClientRedeployed() async throws {
        let f = try await StrategiesFixture()
        let c = try await Self.clientWithLiveAndPaper(f)
        let deletion = try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: c.user))
        try await f.publish(AccountsEvent.userRestored, f.live, UserLifecyclePayload.mock(userID: c.user))
        _ = try await f.strategies.deploy(f.live, userID: c.user, strategyID: c.live, mode: .live)

        let handler = f.strategies.eventHandler
        try await f.database.write { tx in try handler.apply(deletion, in: tx) }
        #expect(try await Self.statuses(f, c.user)[c.live]?.0 == .live)
        #expect(try await f.events().map(\.type) == ["strategy.deployed", "strategy.paused", "strategy.deployed"])
    }

    @Test func aRiskBreach_pausesALiveStrategyOnce_andRepeatsHarmlessly() async throws {
        let f = try await StrategiesFixture()
        let c = try await Self.clientWithLiveAndPaper(f)
        #expect(try await f.strategies.riskBreach(strategyID: c.live).pauseReason == .riskLimit)
        #expect(try await f.strategies.riskBreach(strategyID: c.live).pauseReason == .riskLimit)
        #expect(try await f.strategies.riskBreach(strategyID: c.paper).status == .paused)
        #expect(try await f.events(StrategiesEvent.paused).map { try $0.decode(StrategyPausedPayload.self).reason } == [.riskLimit])
        await expectDomainError(.notFound, .resourceMissing) { _ = try await f.strategies.riskBreach(strategyID: "stg_unknown") }
    }

    @Test func aPurgedClient_isForgotten_withTheirStrategies() async throws {
        let f = try await StrategiesFixture()
        let c = try await Self.clientWithLiveAndPaper(f)
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: c.user))
        #expect(try await f.strategies.listUserStrategies(f.live, userID: c.user).data.count == 2, "still listed during retention")
        try await f.publish(AccountsEvent.userPurged, f.live, UserLifecyclePayload.mock(userID: c.user))
        await expectDomainError(.notFound) { _ = try await f.strategies.listUserStrategies(f.live, userID: c.user) }
        #expect(try await f.count("strategies") == 0)
    }

    @Test func aMalformedEvent_isSkipped_withoutBlockingTheEventsAfterIt() async throws {
        let f = try await StrategiesFixture()
        try await f.publish(AccountsEvent.userDeleted, f.live, ["unexpected": 1])
        let user = try await f.addClient(f.live)
        #expect(try await f.strategies.listClientStrategies(f.live, userID: user).data.isEmpty)
        #expect(try await f.bus.status().allSatisfy { $0.totalFailures == 0 && $0.lag == 0 })
    }
}
