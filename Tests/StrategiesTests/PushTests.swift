import Accounts
import APITestSupport
@testable import Strategies
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct PushTests {
    @Test func pushingToOneClient_givesThemADraft_beforeThePushReturns() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live)
        let push = try await f.strategies.push(f.live, target: .user(user), template: .json(TemplateExamples.json))
        #expect(push.id?.hasPrefix("psh_") == true && push.templateID?.hasPrefix("tpl_") == true)
        #expect(push.templateVersion == 1 && push.status == .completed && push.recipients == 1 && push.done == 1)
        #expect(push.target == .user(user) && push.livemode && push.completedAt == f.clock.now())
        let strategy = try await f.strategy(of: user, f.live)
        #expect(strategy.id.hasPrefix("stg_") && strategy.status == .draft && strategy.mode == nil)
        #expect(strategy.name == "Nifty momentum" && strategy.templateID == push.templateID && strategy.templateVersion == 1)
        #expect(!strategy.updateAvailable && strategy.userID == user)
        #expect(try await f.events().isEmpty, "a draft is not billed")
    }

    @Test func pushingToAPlanOf2000Clients_givesEachActiveClientOnTheExactPlanAndModeOneStrategy() async throws {
        let f = try await StrategiesFixture(batchSize: 250)
        _ = try await f.addClients(2_000, f.live)
        let otherPlan = try await f.addClient(f.live, plan: "plan_silver")
        let testMode = try await f.addClient(f.test)
        let deleted = try await f.addClient(f.live)
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: deleted))

        let push = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("Gold"))
        #expect(push.status == .queued && push.recipients == 2_000 && push.done == 0)
        #expect(try await f.strategies.runPendingPushes() == 8)

        let finished = try await f.strategies.getPush(f.live, try #require(push.id))
        #expect(finished.status == .completed && finished.done == 2_000 && finished.completedAt == f.clock.now())
        #expect(try await f.count("strategies") == 2_000)
        #expect(try await f.distinctClientsWithStrategies() == 2_000)
        for outsider in [(otherPlan, f.live), (testMode, f.test), (deleted, f.live)] {
            #expect(try await f.strategies.listClientStrategies(outsider.1, userID: outsider.0).data.isEmpty)
        }
        #expect(try await f.count("strategy_push_recipients") == 0, "finished pushes leave no recipient rows")
    }

    @Test func thePushWorker_finishesAQueuedPushInTheBackground() async throws {
        let f = try await StrategiesFixture(batchSize: 100)
        _ = try await f.addClients(450, f.live)
        await f.strategies.startPushWorker()
        let push = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("Gold"))
        let finished = try await f.waitUntilCompleted(push)
        #expect(finished.status == .completed && finished.done == 450)
        #expect(try await f.count("strategies") == 450)
        await f.stop()
    }

    @Test func aDryRun_countsTheRecipients_andChangesNothing() async throws {
        let f = try await StrategiesFixture()
        _ = try await f.addClients(3, f.live)
        let existing = try await f.push(f.live, to: .user(try await f.addClient(f.live, plan: "plan_silver")))
        let tables = ["strategy_templates", "strategy_template_versions", "strategy_pushes", "strategies", "bus_events"]
        var before = [Int]()
        for table in tables { before.append(try await f.count(table)) }

        let preview = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("New"), dryRun: true)
        #expect(preview.id == nil && preview.templateID == nil && preview.status == .dryRun)
        #expect(preview.templateVersion == 1 && preview.recipients == 3 && preview.done == 0)
        let nextVersion = try await f.strategies.push(
            f.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("New"), templateID: existing.templateID, dryRun: true)
        #expect(nextVersion.templateID == existing.templateID && nextVersion.templateVersion == 2)

        var after = [Int]()
        for table in tables { after.append(try await f.count(table)) }
        #expect(after == before)
    }

    @Test func aNewVersion_updatesCopiesThatAreNotLiveInPlace_andFlagsLiveOnes() async throws {
        let f = try await StrategiesFixture()
        let drafted = try await f.addClient(f.live)
        let papered = try await f.addClient(f.live)
        let lived = try await f.addClient(f.live, broker: true)
        let paused = try await f.addClient(f.live, broker: true)
        let first = try await f.push(f.live, to: .plan("plan_gold"), template: TemplateExamples.minimal("Version one"))
        let copies = try await f.strategies(of: [drafted, papered, lived, paused])
        _ = try await f.strategies.deploy(f.live, userID: papered, strategyID: copies[1].id, mode: .paper)
        _ = try await f.strategies.deploy(f.live, userID: lived, strategyID: copies[2].id, mode: .live)
        _ = try await f.strategies.deploy(f.live, userID: paused, strategyID: copies[3].id, mode: .live)
        _ = try await f.strategies.pause(f.live, userID: paused, strategyID: copies[3].id)

        let second = try await f.push(f.live, to: .plan("plan_gold"), template: TemplateExamples.minimal("Version two"), templateID: first.templateID)
        #expect(second.templateID == first.templateID && second.templateVersion == 2)
        let updated = try await f.strategies(of: [drafted, papered, lived, paused])
        #expect(updated.map(\.id) == copies.map(\.id), "copies change in place; nobody gets a second one")
        #expect(updated.map(\.templateVersion) == [2, 2, 1, 2])
        #expect(updated.map(\.name) == ["Version two", "Version two", "Version one", "Version two"])
        #expect(updated.map(\.status) == [.draft, .paper, .live, .paused])
        #expect(updated.map(\.updateAvailable) == [false, false, true, false])
        #expect(updated[2].availableTemplateVersion == 2)

        _ = try await f.strategies.pause(f.live, userID: lived, strategyID: copies[2].id)
        _ = try await f.push(f.live, to: .user(lived), template: TemplateExamples.minimal("Version three"), templateID: first.templateID)
        let caughtUp = try await f.strategy(of: lived, f.live)
        #expect(caughtUp.templateVersion == 3 && !caughtUp.updateAvailable && caughtUp.availableTemplateVersion == nil)
    }

    @Test func badTargetsAndTemplates_areRefused_andStoreNothing() async throws {
        let f = try await StrategiesFixture()
        let deleted = try await f.addClient(f.live)
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: deleted))
        let minimal = TemplateExamples.minimal("N")
        let unknownUser = await expectDomainError(.notFound, .userNotFound) {
            _ = try await f.strategies.push(f.live, target: .user("usr_nobody"), template: minimal)
        }
        #expect(unknownUser?.fields.map(\.field) == ["user_id"])
        let unknownPlan = await expectDomainError(.notFound, .planNotFound) {
            _ = try await f.strategies.push(f.live, target: .plan("plan_nobody"), template: minimal)
        }
        #expect(unknownPlan?.fields.map(\.field) == ["plan_id"])
        await expectDomainError(.conflict, .userDeleted) { _ = try await f.strategies.push(f.live, target: .user(deleted), template: minimal) }
        await expectDomainError(.notFound, .templateNotFound) {
            _ = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: minimal, templateID: "tpl_nothing")
        }
        await expectDomainError(.invalid, .invalidTemplate) {
            _ = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: .json(#"{"name": "N"}"#))
        }
        for table in ["strategy_templates", "strategy_template_versions", "strategy_pushes", "strategy_push_recipients", "strategies"] {
            #expect(try await f.count(table) == 0, "\(table)")
        }
    }

    @Test func aPlanWhoseClientsAreAllDeleted_takesAPushThatCompletesWithNoRecipients() async throws {
        let f = try await StrategiesFixture()
        let gone = try await f.addClient(f.live)
        try await f.publish(AccountsEvent.userDeleted, f.live, UserLifecyclePayload.mock(userID: gone))
        let push = try await f.strategies.push(f.live, target: .plan("plan_gold"), template: TemplateExamples.minimal("N"))
        #expect(push.status == .completed && push.recipients == 0 && push.done == 0)
    }

    @Test func aPush_encodesInTheAPIsJSONShape() async throws {
        let f = try await StrategiesFixture()
        let preview = try await f.strategies.push(f.live, target: .user(try await f.addClient(f.live)), template: TemplateExamples.minimal("N"), dryRun: true)
        let json = try JSON.encodeString(preview)
        #expect(json.hasPrefix(#"{"completed_at":null,"created_at":"2026-09-21T"#))
        #expect(json.contains(#""id":null,"livemode":true,"object":"push","recipients":1,"status":"dry_run","#))
        #expect(json.hasSuffix(#""target":{"id":"\#(preview.target.id)","type":"user"},"template_id":null,"template_version":1}"#))
    }
}
