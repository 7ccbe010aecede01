import Accounts
import APITestSupport
@testable import Strategies
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct LifecycleTests {
    @Test func theFullLifecycle_publishesDeployedAndPausedEvents_withTheOperatorsPriceAndEachReason() async throws {
        let f = try await StrategiesFixture()
        try await f.publish(AccountsEvent.operatorCreated, f.live, OperatorSettingsPayload.mock(operatorID: StrategiesFixture.acme, strategyDayPricePaise: 2_500))
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id

        let paper = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .paper)
        #expect(paper.status == .paper && paper.mode == .paper && paper.deployedAt == f.clock.now())
        f.clock.advance(by: .seconds(3_600))
        let live = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        #expect(live.status == .live && live.mode == .live && live.deployedAt == f.clock.now())
        f.clock.advance(by: .seconds(3_600))
        let paused = try await f.strategies.pause(f.live, userID: user, strategyID: id)
        #expect(paused.status == .paused && paused.mode == .live && paused.pauseReason == .clientPaused && paused.pausedAt == f.clock.now())
        let redeployed = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        #expect(redeployed.status == .live && redeployed.pauseReason == nil && redeployed.pausedAt == nil)
        let breached = try await f.strategies.riskBreach(strategyID: id)
        #expect(breached.status == .paused && breached.pauseReason == .riskLimit)

        let events = try await f.events()
        #expect(events.map(\.type) == ["strategy.deployed", "strategy.paused", "strategy.deployed", "strategy.paused"])
        #expect(events.allSatisfy { $0.tenant == StrategiesFixture.acme && $0.mode == .live })
        #expect(try events[0].decode(StrategyDeployedPayload.self) == StrategyDeployedPayload(
            strategyID: id, userID: user, planID: "plan_gold", broker: "zerodha", fromMode: .paper, burnPerDayPaise: 2_500))
        #expect(try events[1].decode(StrategyPausedPayload.self) == StrategyPausedPayload(
            strategyID: id, userID: user, planID: "plan_gold", broker: "zerodha", reason: .clientPaused))
        #expect(try events[2].decode(StrategyDeployedPayload.self).fromMode == .paused)
        #expect(try events[3].decode(StrategyPausedPayload.self).reason == .riskLimit)
        #expect(events[0].payload.contains(#""burn_per_day_paise":2500"#) && events[0].payload.contains(#""from_mode":"paper""#))
    }

    @Test func theDefaultPrice_applies_untilTheOperatorSetsOne_andUpdatesApplyToLaterDeploys() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        _ = try await f.strategies.pause(f.live, userID: user, strategyID: id)
        try await f.publish(AccountsEvent.operatorUpdated, f.live, OperatorSettingsPayload.mock(operatorID: StrategiesFixture.acme, strategyDayPricePaise: 900))
        _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        let prices = try await f.events(StrategiesEvent.deployed).map { try $0.decode(StrategyDeployedPayload.self).burnPerDayPaise }
        #expect(prices == [1_500, 900])
    }

    @Test func deployingLive_needsAConnectedBroker_andEveryDeployNeedsAnActiveClient() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        await expectDomainError(.conflict, .brokerNotConnected) { _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live) }
        #expect(try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .paper).status == .paper)
        try await f.connectBroker(user, f.live)
        #expect(try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live).status == .live)

        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: user))
        await expectDomainError(.conflict, .userDeleted) { _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live) }
        try await f.publish(AccountsEvent.userRestored, f.live, UserLifecyclePayload.mock(userID: user))
        #expect(try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live).status == .live)
    }

    @Test func invalidTransitions_areConflicts_andChangeNothing() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        await expectDomainError(.conflict, .invalidTransition) { _ = try await f.strategies.pause(f.live, userID: user, strategyID: id) }
        _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        await expectDomainError(.conflict, .invalidTransition) { _ = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .paper) }
        #expect(try await f.strategy(of: user, f.live).status == .live)
    }

    @Test func repeatingTheCurrentState_changesNothing_andPublishesNothingMore() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        let deployed = try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live)
        f.clock.advance(by: .seconds(60))
        #expect(try await f.strategies.deploy(f.live, userID: user, strategyID: id, mode: .live) == deployed)
        let paused = try await f.strategies.pause(f.live, userID: user, strategyID: id)
        f.clock.advance(by: .seconds(60))
        #expect(try await f.strategies.pause(f.live, userID: user, strategyID: id) == paused)
        #expect(try await f.events().map(\.type) == ["strategy.deployed", "strategy.paused"])
    }
}
