@testable import Accounts
import Kernel
import Synchronization
import Testing
import TestSupport

@Suite(.databases) struct UserTests {
    @Test func createUser_returnsLoginURLAndPublishesUserCreated() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let scope = try await f.principal(acme, .live).scope
        let plan = try await f.defaultPlan(scope)
        let created = try await f.accounts.createUser(scope, NewUser(email: " Asha@Example.COM ", phone: "+919876543210", planID: plan, name: "Asha"))
        #expect(created.user.id.hasPrefix("usr_"))
        #expect(created.user.email == "asha@example.com")
        #expect(created.user.status == "active" && created.user.livemode)
        #expect(created.loginURL.hasPrefix("https://acme.app.operator-api.dev/login?token=lt_"))
        #expect(created.loginURLExpiresAt == f.clock.now() + .seconds(72 * 3600))
        let event = try #require(try await f.events(AccountsEvent.userCreated).first)
        #expect(event.tenant == acme.operator.id && event.mode == .live)
        let payload = try event.decode(UserCreatedPayload.self)
        #expect(payload.user.id == created.user.id && payload.source == "api")
        #expect(!event.payload.contains("lt_"), "the login token never enters an event")
    }

    @Test func createUser_withNULCharactersInText_storesAndReadsBackExactlyWhatWasAccepted() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        var input = f.newUser("nul@example.com", plan: try await f.defaultPlan(scope))
        input.name = "ab\u{0}cd"
        input.externalID = "\u{0}ext\u{0}"
        let created = try await f.accounts.createUser(scope, input)
        #expect(created.user.name == "ab\u{0}cd" && created.user.externalID == "\u{0}ext\u{0}")
        let read = try await f.accounts.getUser(scope, created.user.id)
        #expect(read.name == "ab\u{0}cd" && read.externalID == "\u{0}ext\u{0}")
        let listed = try await f.accounts.listUsers(scope, UserQuery()).data
        #expect(listed.map(\.name) == ["ab\u{0}cd"])
    }

    @Test func createUser_rejectsBadFieldsNamingEachOne() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        do {
            _ = try await f.accounts.createUser(scope, NewUser(email: "not-an-email", phone: "98765", planID: ""))
            Issue.record("expected a validation error")
        } catch let error as DomainError {
            #expect(error.kind == .invalid)
            #expect(Set(error.fields.map(\.field)) == ["email", "phone", "plan_id"])
        }
        #expect(try await f.events(AccountsEvent.userCreated).isEmpty)
    }

    @Test func createUser_withTakenEmail_isAConflictNamingTheExistingUser() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let plan = try await f.defaultPlan(scope)
        let first = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: plan))
        do {
            _ = try await f.accounts.createUser(scope, f.newUser("A@example.com", plan: plan))
            Issue.record("expected a conflict")
        } catch let error as DomainError {
            #expect(error.code == .emailTaken)
            #expect(error.extensions["existing_id"] == .string(first.user.id))
        }
    }

    @Test func createUser_withPlanFromTheOtherMode_isRefused() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let live = try await f.principal(acme, .live).scope, test = try await f.principal(acme, .test).scope
        let testPlan = try await f.defaultPlan(test)
        await expectDomainError(.notFound, .planNotFound) { _ = try await f.accounts.createUser(live, f.newUser("a@example.com", plan: testPlan)) }
    }

    @Test func createUser_retriedWithTheSameCreationKey_returnsTheFirstUser() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let plan = try await f.defaultPlan(scope)
        let first = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: plan), creationKey: "key-1")
        let retry = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: plan), creationKey: "key-1")
        #expect(retry.user.id == first.user.id)
        #expect(try await f.events(AccountsEvent.userCreated).count == 1)
    }

    @Test func createUser_runsTheStepAlongsideInTheUsersTransaction_andWhenItThrows_leavesNeitherUserNorEvent() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let plan = try await f.defaultPlan(scope)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: plan), creationKey: "key-1") { created, tx in
                #expect(try tx.scalar("SELECT COUNT(*) FROM users WHERE id = ?", [created.user.id], as: Int.self) == 1, "it sees the user")
                throw Refused()
            }
        }
        #expect(try await f.accounts.listUsers(scope, UserQuery(limit: 10)).data.isEmpty)
        #expect(try await f.events(AccountsEvent.userCreated).isEmpty)

        final class Seen: Sendable { let userID = Mutex<String?>(nil) }
        let seen = Seen()
        let created = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: plan), creationKey: "key-1") { created, _ in
            seen.userID.withLock { $0 = created.user.id }
        }
        #expect(seen.userID.withLock { $0 } == created.user.id, "the step gets the user the call answers")
        #expect(try await f.events(AccountsEvent.userCreated).count == 1)
    }

    /// A bulk run that a crash cut short, run again with the same key: the rows it had created come back as
    /// created, with their ids and fresh login URLs, and the rest are created once.
    @Test func bulk_retriedWithTheSameCreationKey_answersTheRowsTheFirstRunCreated() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let plan = try await f.defaultPlan(scope)
        let rows = (0..<4).map { f.newUser("row\($0)@example.com", plan: plan) }
        let firstRun = await f.accounts.createUsers(scope, Array(rows.prefix(2)), creationKey: "bulk-1")
        let retry = await f.accounts.createUsers(scope, rows, creationKey: "bulk-1")
        let users = try retry.map { try $0.get() }
        #expect(try users.prefix(2).map(\.user.id) == firstRun.map { try $0.get().user.id })
        #expect(users.allSatisfy { $0.loginURL.contains("?token=lt_") })
        #expect(try await f.events(AccountsEvent.userCreated).count == 4)
        let other = await f.accounts.createUsers(scope, [f.newUser("row0@example.com", plan: plan)], creationKey: "bulk-2")
        if case .failure(let error) = other[0] { #expect(error.code == .emailTaken) } else { Issue.record("another key is another request") }
    }

    @Test func users_areInvisibleToOtherOperatorsAndTheOtherMode() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator("acme"), beta = try await f.makeOperator("beta")
        let acmeLive = try await f.principal(acme, .live).scope
        let others = [try await f.principal(acme, .test).scope, try await f.principal(beta, .live).scope, try await f.principal(beta, .test).scope]
        let user = try await f.accounts.createUser(acmeLive, f.newUser("a@example.com", plan: try await f.defaultPlan(acmeLive))).user
        for scope in others {
            await expectDomainError(.notFound) { _ = try await f.accounts.getUser(scope, user.id) }
            await expectDomainError(.notFound) { _ = try await f.accounts.deleteUser(scope, user.id) }
            await expectDomainError(.notFound) { _ = try await f.accounts.issueLoginLink(scope, userID: user.id) }
            #expect(try await f.accounts.listUsers(scope, UserQuery()).data.isEmpty)
        }
        #expect(try await f.accounts.getUser(acmeLive, user.id).id == user.id)
    }

    @Test func bulk_createsGoodRowsAndAnswersBadRowsInPlace() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .test).scope
        let plan = try await f.defaultPlan(scope)
        let results = await f.accounts.createUsers(scope, [
            f.newUser("one@example.com", plan: plan), f.newUser("bad", plan: plan), f.newUser("one@example.com", plan: plan),
            f.newUser("two@example.com", plan: plan),
        ])
        #expect(results.count == 4)
        #expect(try results[0].get().user.email == "one@example.com")
        if case .failure(let error) = results[1] { #expect(error.fields.map(\.field) == ["users[1].email"]) } else { Issue.record("row 1") }
        if case .failure(let error) = results[2] { #expect(error.code == .emailTaken) } else { Issue.record("row 2") }
        #expect(try results[3].get().user.email == "two@example.com")
        #expect(try await f.events(AccountsEvent.userCreated).count == 2)
    }

    @Test func listUsers_pagesNewestFirstWithFilters() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let plan = try await f.defaultPlan(scope)
        let other = try await f.accounts.createPlan(scope, name: "Gold", tier: "gold")
        var ids = [String]()
        for i in 0..<5 {
            ids.append(try await f.accounts.createUser(scope, f.newUser("u\(i)@example.com", plan: i == 4 ? other.id : plan)).user.id)
        }
        let first = try await f.accounts.listUsers(scope, UserQuery(limit: 2))
        #expect(first.data.map(\.id) == [ids[4], ids[3]] && first.hasMore)
        let second = try await f.accounts.listUsers(scope, UserQuery(limit: 2, startingAfter: ids[3]))
        #expect(second.data.map(\.id) == [ids[2], ids[1]] && second.hasMore)
        let last = try await f.accounts.listUsers(scope, UserQuery(limit: 2, startingAfter: ids[1]))
        #expect(last.data.map(\.id) == [ids[0]] && !last.hasMore)
        #expect(try await f.accounts.listUsers(scope, UserQuery(planID: other.id)).data.map(\.id) == [ids[4]])
        #expect(try await f.accounts.listUsers(scope, UserQuery(email: "U2@example.com")).data.map(\.id) == [ids[2]])
        await expectDomainError(.invalid) { _ = try await f.accounts.listUsers(scope, UserQuery(limit: 101)) }
        await expectDomainError(.notFound, .notFound) { _ = try await f.accounts.listUsers(scope, UserQuery(startingAfter: "usr_nope")) }
    }

    @Test func delete_isSoftIdempotentRestorableAndPurgedAfter30Days() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let user = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: try await f.defaultPlan(scope))).user
        let deleted = try await f.accounts.deleteUser(scope, user.id)
        #expect(deleted.status == "deleted" && deleted.deletedAt == f.clock.now())
        #expect(deleted.purgeAfter == f.clock.now() + .seconds(30 * 86_400))
        #expect(try await f.accounts.deleteUser(scope, user.id).deletedAt == deleted.deletedAt)
        #expect(try await f.events(AccountsEvent.userDeleted).count == 1)
        #expect(try await f.accounts.restoreUser(scope, user.id).status == "active")
        #expect(try await f.events(AccountsEvent.userRestored).count == 1)

        _ = try await f.accounts.deleteUser(scope, user.id)
        f.clock.advance(by: .seconds(30 * 86_400 - 1))
        #expect(try await f.accounts.runMaintenance().usersPurged == 0)
        #expect(try await f.accounts.getUser(scope, user.id).status == "deleted", "still answers during retention")
        f.clock.advance(by: .seconds(1))
        #expect(try await f.accounts.runMaintenance().usersPurged == 1)
        await expectDomainError(.notFound) { _ = try await f.accounts.getUser(scope, user.id) }
        let row = try await f.database.read { try $0.queryOne("SELECT email, phone, name FROM users WHERE id = ?", [user.id]) }
        #expect(row?["email"] == .null && row?["phone"] == .null)
        #expect(try await f.events(AccountsEvent.userPurged).count == 1)
        // The email is free again.
        _ = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: try await f.defaultPlan(scope)))
    }
}
