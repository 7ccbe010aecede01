@testable import Strategies
import Kernel
import Testing
import TestSupport

/// Another operator's or the other mode's ids behave as if they did not exist.
@Suite(.databases) struct IsolationTests {
    @Test func anotherOperatorOrMode_cannotSeeOrTouchAClientsStrategiesOrPushes() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live, broker: true)
        let push = try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        let pushID = try #require(push.id)

        for outsider in [f.rival, f.test] {
            await expectDomainError(.notFound) { _ = try await f.strategies.listUserStrategies(outsider, userID: user) }
            await expectDomainError(.notFound) { _ = try await f.strategies.listClientStrategies(outsider, userID: user) }
            await expectDomainError(.notFound) { _ = try await f.strategies.deploy(outsider, userID: user, strategyID: id, mode: .live) }
            await expectDomainError(.notFound) { _ = try await f.strategies.pause(outsider, userID: user, strategyID: id) }
            await expectDomainError(.notFound) { _ = try await f.strategies.getPush(outsider, pushID) }
            await expectDomainError(.notFound, .userNotFound) {
                _ = try await f.strategies.push(outsider, target: .user(user), template: TemplateExamples.minimal("N"))
            }
            await expectDomainError(.notFound, .templateNotFound) {
                _ = try await f.strategies.push(outsider, target: .user(user), template: TemplateExamples.minimal("N"), templateID: push.templateID)
            }
        }
        #expect(try await f.strategy(of: user, f.live).status == .draft)
    }

    @Test func oneClient_cannotActOnAnotherClientsStrategy() async throws {
        let f = try await StrategiesFixture()
        let owner = try await f.addClient(f.live, broker: true)
        let neighbour = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(owner))
        let id = try await f.strategy(of: owner, f.live).id
        await expectDomainError(.notFound) { _ = try await f.strategies.deploy(f.live, userID: neighbour, strategyID: id, mode: .live) }
    }

    @Test func aPlanPush_reachesOnlyThatOperatorsClientsInThatMode_evenWhenPlanIDsCollide() async throws {
        let f = try await StrategiesFixture()
        let mine = try await f.addClient(f.live)
        let rivals = try await f.addClient(f.rival)
        let testMode = try await f.addClient(f.test)
        let push = try await f.push(f.live, to: .plan("plan_gold"))
        #expect(push.recipients == 1)
        #expect(try await f.strategies.listClientStrategies(f.live, userID: mine).data.count == 1)
        #expect(try await f.strategies.listClientStrategies(f.rival, userID: rivals).data.isEmpty)
        #expect(try await f.strategies.listClientStrategies(f.test, userID: testMode).data.isEmpty)
    }
}
