@testable import Accounts
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct ClientTests {
    func token(from url: String) -> String { String(url.split(separator: "=").last!) }

    @Test func loginToken_redeemsOnceForASession() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let created = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: try await f.defaultPlan(scope)))
        let session = try await f.accounts.redeemLoginToken(token(from: created.loginURL))
        #expect(session.sessionToken.hasPrefix("cs_") && session.user.id == created.user.id)
        #expect(session.expiresAt == f.clock.now() + .seconds(30 * 86_400))
        #expect(await f.accounts.authenticateClient(sessionToken: session.sessionToken) == ClientPrincipal(scope: scope, userID: created.user.id))
        await expectDomainError(.unauthenticated, .invalidLoginToken) { _ = try await f.accounts.redeemLoginToken(token(from: created.loginURL)) }
        await expectDomainError(.unauthenticated, .invalidLoginToken) { _ = try await f.accounts.redeemLoginToken("lt_unknown") }
        f.clock.advance(by: .seconds(30 * 86_400))
        #expect(await f.accounts.authenticateClient(sessionToken: session.sessionToken) == nil)
    }

    @Test func loginToken_racingRedemptionsGiveExactlyOneSession() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let created = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: try await f.defaultPlan(scope)))
        let t = token(from: created.loginURL)
        let accounts = f.accounts
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 { group.addTask { (try? await accounts.redeemLoginToken(t)) != nil } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let sessions = try await f.database.read { try $0.scalar("SELECT COUNT(*) FROM client_sessions", as: Int.self) }
        #expect(sessions == 1)
    }

    @Test func loginToken_expiresAfterItsLifetime() async throws {
        let f = try await AccountsFixture()
        let scope = try await f.principal(try await f.makeOperator(), .live).scope
        let created = try await f.accounts.createUser(scope, f.newUser("a@example.com", plan: try await f.defaultPlan(scope)))
        f.clock.advance(by: .seconds(72 * 3600))
        await expectDomainError(.unauthenticated, .invalidLoginToken) { _ = try await f.accounts.redeemLoginToken(token(from: created.loginURL)) }
        let fresh = try await f.accounts.issueLoginLink(scope, userID: created.user.id, lifetime: .seconds(600))
        #expect(try await f.accounts.redeemLoginToken(token(from: fresh.loginURL)).user.id == created.user.id)
    }

    @Test func signup_usesTheDefaultPlanAndTheSandboxFlag() async throws {
        let f = try await AccountsFixture()
        let acme = try await f.makeOperator()
        let session = try await f.accounts.signup(ClientSignup(operator: "acme", sandbox: true, email: "c@example.com", phone: "+14155550100"))
        #expect(!session.user.livemode)
        let testScope = TenantScope(operatorID: acme.operator.id, mode: .test)
        #expect(session.user.planID == (try await f.defaultPlan(testScope)))
        let event = try #require(try await f.events(AccountsEvent.userCreated).first)
        #expect(try event.decode(UserCreatedPayload.self).source == "signup" && event.mode == .test)
        await expectDomainError(.notFound, .operatorNotFound) {
            _ = try await f.accounts.signup(ClientSignup(operator: "nobody", email: "d@example.com", phone: "+14155550100"))
        }
        await expectDomainError(.conflict, .emailTaken) {
            _ = try await f.accounts.signup(ClientSignup(operator: "acme", sandbox: true, email: "c@example.com", phone: "+14155550100"))
        }
    }

    @Test func broker_connectMasksTheCode_disconnectAndExpiryPublishTheirReasons() async throws {
        let f = try await AccountsFixture()
        _ = try await f.makeOperator()
        let session = try await f.accounts.signup(ClientSignup(operator: "acme", email: "c@example.com", phone: "+14155550100"))
        let client = try #require(await f.accounts.authenticateClient(sessionToken: session.sessionToken))
        let user = try await f.accounts.connectBroker(client, BrokerLink(broker: "Zerodha", clientCode: "AB123434"))
        #expect(user.broker?.clientCodeMasked == "AB****34" && user.broker?.status == "connected")
        let connected = try #require(try await f.events(AccountsEvent.userBrokerConnected).first)
        #expect(!connected.payload.contains("AB123434"))
        #expect(try connected.decode(BrokerConnectedPayload.self).clientCodeMasked == "AB****34")

        _ = try await f.accounts.disconnectBroker(client)
        #expect(try await f.events(AccountsEvent.brokerDisconnected).last?.decode(BrokerDisconnectedPayload.self).reason == "revoked")
        await expectDomainError(.conflict, .brokerNotConnected) { _ = try await f.accounts.disconnectBroker(client) }

        _ = try await f.accounts.connectBroker(client, BrokerLink(broker: "zerodha", clientCode: "AB123434", expiresAt: f.clock.now() + .seconds(3600)))
        #expect(try await f.accounts.runMaintenance().brokersExpired == 0)
        f.clock.advance(by: .seconds(3600))
        #expect(try await f.accounts.runMaintenance().brokersExpired == 1)
        #expect(try await f.accounts.runMaintenance().brokersExpired == 0)
        #expect(try await f.events(AccountsEvent.brokerDisconnected).last?.decode(BrokerDisconnectedPayload.self).reason == "expired")
        await expectDomainError(.invalid) { _ = try await f.accounts.connectBroker(client, BrokerLink(broker: "zerodha", clientCode: "x")) }
    }
}
