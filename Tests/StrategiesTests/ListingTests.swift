@testable import Strategies
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct ListingTests {
    @Test func aClientsStrategies_pageNewestFirstByCursor() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live)
        for name in ["A", "B", "C"] { try await f.push(f.live, to: .user(user), template: TemplateExamples.minimal(name)) }

        let first = try await f.strategies.listUserStrategies(f.live, userID: user, limit: 2)
        #expect(first.data.map(\.name) == ["C", "B"] && first.hasMore)
        let second = try await f.strategies.listUserStrategies(f.live, userID: user, limit: 2, startingAfter: first.data.last?.id)
        #expect(second.data.map(\.name) == ["A"] && !second.hasMore)
        #expect(try await f.strategies.listClientStrategies(f.live, userID: user).data.map(\.name) == ["C", "B", "A"])
    }

    @Test func badPagingArguments_areInvalidFields() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live)
        for limit in [0, 101] {
            let error = await expectDomainError(.invalid) { _ = try await f.strategies.listUserStrategies(f.live, userID: user, limit: limit) }
            #expect(error?.fields.map(\.field) == ["limit"])
        }
        let error = await expectDomainError(.notFound) {
            _ = try await f.strategies.listUserStrategies(f.live, userID: user, startingAfter: "stg_unknown")
        }
        #expect(error?.fields.map(\.field) == ["starting_after"])
    }

    @Test func aStrategy_encodesEveryDocumentedField_absentOnesAsNull() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live, broker: true)
        try await f.push(f.live, to: .user(user))
        let strategy = try await f.strategy(of: user, f.live)
        let json = try JSON.encodeString(strategy)
        #expect(json == """
            {"available_template_version":null,"broker":{"client_code_masked":"••••4821","name":"zerodha","status":"connected"},\
            "created_at":"\(f.clock.now().rfc3339)","deployed_at":null,"id":"\(strategy.id)","livemode":true,"mode":null,\
            "name":"Nifty momentum","object":"strategy","pause_reason":null,"paused_at":null,\
            "pnl":{"as_of":null,"currency":"INR","realized_paise":0,"unrealized_paise":0},"status":"draft",\
            "template_id":"\(strategy.templateID)","template_version":1,"update_available":false,"user_id":"\(user)"}
            """)
    }
}
