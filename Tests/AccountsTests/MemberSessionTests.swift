import Accounts
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct MemberSessionTests {
    func member(_ f: AccountsFixture) async throws -> Member {
        let op = try await f.makeOperator()
        return try await f.accounts.addMember(operatorID: op.operator.id, email: "ops@acme.test", password: "correct horse battery")
    }

    @Test func aSession_startsLive_switchesMode_andEndsOnSignOut() async throws {
        let f = try await AccountsFixture()
        let opened = try await f.accounts.openMemberSession(for: try await member(f))
        #expect(opened.token.hasPrefix("ms_") && opened.session.mode == .live)
        #expect(await f.accounts.memberSession(token: opened.token)?.member.email == "ops@acme.test")
        try await f.accounts.setMemberSessionMode(token: opened.token, mode: .test)
        #expect(await f.accounts.memberSession(token: opened.token)?.scope.mode == .test)
        try await f.accounts.closeMemberSession(token: opened.token)
        #expect(await f.accounts.memberSession(token: opened.token) == nil)
    }

    @Test func aSession_expiresAfterTwelveHours_andMaintenanceDeletesIt() async throws {
        let f = try await AccountsFixture()
        let opened = try await f.accounts.openMemberSession(for: try await member(f))
        f.clock.advance(by: .seconds(12 * 3600 - 1))
        #expect(await f.accounts.memberSession(token: opened.token) != nil)
        f.clock.advance(by: .seconds(1))
        #expect(await f.accounts.memberSession(token: opened.token) == nil)
        try await f.accounts.runMaintenance()
        #expect(try await f.database.read { tx in try tx.scalar("SELECT COUNT(*) FROM member_sessions", as: Int.self) } == 0)
    }

    @Test func malformedOrUnknownTokens_findNothing() async throws {
        let f = try await AccountsFixture()
        _ = try await f.accounts.openMemberSession(for: try await member(f))
        for token in ["", "ms_unknown", "cs_" + String(repeating: "a", count: 43), "ms_" + String(repeating: "x", count: 200)] {
            #expect(await f.accounts.memberSession(token: token) == nil)
        }
    }
}
