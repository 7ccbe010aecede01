import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

@Suite(.databases) struct SigningAndPolicyTests {
    static func vectors() throws -> [String: Any] {
        try RepositoryFiles.jsonObject("Tests/Vectors/standard-webhooks.json")
    }

    @Test func signer_matchesTheStandardWebhooksVectorsAndRejectsTampering() throws {
        let vectors = try Self.vectors()
        let valid = (vectors["valid"] as! [[String: Any]])[0]
        let (secret, id, ts, payload) = (valid["secret"] as! String, valid["msg_id"] as! String, Int64(valid["timestamp"] as! Int), valid["payload"] as! String)
        let body = Array(payload.utf8)
        #expect(WebhookSigner.signature(id: id, timestamp: ts, body: body, secret: secret) == valid["signature"] as? String)
        let at = Timestamp(seconds: ts)
        #expect(WebhookSigner.verify(header: valid["signature"] as! String, id: id, timestamp: ts, body: body, secret: secret, now: at))
        let tampered = (vectors["must_reject"] as! [[String: Any]])[0]["signature"] as! String
        #expect(!WebhookSigner.verify(header: tampered, id: id, timestamp: ts, body: body, secret: secret, now: at))
        #expect(!WebhookSigner.verify(header: valid["signature"] as! String, id: id, timestamp: ts, body: body, secret: secret, now: at + .seconds(301)))
        #expect(!WebhookSigner.verify(header: valid["signature"] as! String, id: id, timestamp: ts, body: body, secret: secret, now: at - .seconds(301)))
        let decoys = vectors["must_accept_header_with_decoys"] as! String
        #expect(WebhookSigner.verify(header: decoys, id: id, timestamp: ts, body: body, secret: secret, now: at))
    }

    @Test func newSecret_isWhsecAndBase64Of32Bytes() {
        let secret = WebhookSigner.newSecret()
        #expect(secret.hasPrefix("whsec_"))
        #expect(Base64.decode(String(secret.dropFirst(6)))?.count == 32)
        #expect(secret != WebhookSigner.newSecret())
    }

    @Test func retrySchedule_isOneFiveTwentyFiveMinutesWithTenPercentJitter_andHonoursRetryAfterUpToAnHour() {
        let schedule = RetrySchedule()
        #expect((1...3).map { schedule.delay(afterAttempt: $0, random: 0.5) } == [.seconds(60), .seconds(300), .seconds(1500)])
        #expect(schedule.delay(afterAttempt: 4, random: 0.5) == nil)
        #expect(schedule.delay(afterAttempt: 1, random: 0) == .seconds(54))
        #expect(schedule.delay(afterAttempt: 1, random: 1) == .seconds(66))
        #expect(schedule.delay(afterAttempt: 1, retryAfter: .seconds(30), random: 0.5) == .seconds(30))
        #expect(schedule.delay(afterAttempt: 1, retryAfter: .seconds(3600), random: 0.5) == .seconds(3600), "honoured, not clamped to the schedule")
        #expect(schedule.delay(afterAttempt: 3, retryAfter: .seconds(86_400), random: 0.5) == .seconds(3600), "capped at one hour")
    }

    @Test func deliveryState_followsTheDocumentedStatuses() {
        let s = RetrySchedule(), now = Timestamp(seconds: 0)
        #expect(DeliveryState.after(attempt: 1, outcome: .success, schedule: s, now: now, random: 0.5).status == .delivered)
        #expect(DeliveryState.after(attempt: 3, outcome: .success, schedule: s, now: now, random: 0.5).status == .deliveredAfterRetry)
        let retry = DeliveryState.after(attempt: 2, outcome: .failure(retryAfter: nil), schedule: s, now: now, random: 0.5)
        #expect(retry.status == .retrying && retry.nextAttemptAt == now + .seconds(300))
        #expect(DeliveryState.after(attempt: 4, outcome: .failure(retryAfter: nil), schedule: s, now: now, random: 0.5).status == .failed)
        let gone = DeliveryState.after(attempt: 1, outcome: .gone, schedule: s, now: now, random: 0.5)
        #expect(gone.status == .failed && gone.disableEndpoint)
    }

    @Test func circuitBreaker_opensAfterThresholdProbesThenCloses() {
        var breaker = CircuitBreaker(threshold: 3, coolDown: .seconds(60))
        let t0 = Timestamp(seconds: 1000)
        for _ in 0..<3 { #expect(breaker.permission(at: t0) == .allowed); breaker.recordFailure(at: t0) }
        #expect(breaker.permission(at: t0 + .seconds(59)) == .waitUntil(t0 + .seconds(60)))
        #expect(breaker.permission(at: t0 + .seconds(60)) == .probe)
        #expect(breaker.permission(at: t0 + .seconds(60)) == .waitForProbe, "one probe at a time")
        breaker.recordFailure(at: t0 + .seconds(60))
        #expect(breaker.permission(at: t0 + .seconds(179)) == .waitUntil(t0 + .seconds(180)), "cool-down doubles")
        #expect(breaker.permission(at: t0 + .seconds(180)) == .probe)
        breaker.recordSuccess()
        #expect(breaker.permission(at: t0 + .seconds(180)) == .allowed && !breaker.isOpen)
    }

    @Test(arguments: ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                      "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "ff02::1", "::ffff:10.0.0.1",
                      "64:ff9b::a00:1", "2001:db8::1", "not-an-ip"])
    func addressGuard_blocksPrivateAndReservedAddresses(address: String) {
        #expect(AddressGuard.isBlocked(address))
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
    func addressGuard_allowsPublicAddresses(address: String) {
        #expect(!AddressGuard.isBlocked(address))
    }

    @Test func endpointURL_isRefusedForPrivateTargetsWithoutTheFlag_andNeedsHTTPSInLive() async throws {
        let f = try await WebhooksFixture(allowPrivate: false)
        for url in ["https://127.0.0.1/hooks", "https://[::1]/hooks", "https://localhost/hooks", "https://10.0.0.5/x"] {
            do {
                _ = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: url, events: ["user.created"]))
                Issue.record("accepted \(url)")
            } catch let error as DomainError {
                #expect(error.code == .urlNotPublic)
            }
        }
        let live = TenantScope(operatorID: "op_acme", mode: .live)
        await #expect(throws: DomainError.self) {
            _ = try await f.webhooks.createEndpoint(live, NewWebhookEndpoint(url: "http://8.8.8.8/hooks", events: ["user.created"]))
        }
        await #expect(throws: DomainError.self) {
            _ = try await f.webhooks.createEndpoint(live, NewWebhookEndpoint(url: "ftp://8.8.8.8/x", events: ["user.created"]))
        }
        let ok = try await f.webhooks.createEndpoint(live, NewWebhookEndpoint(url: "https://8.8.8.8/hooks", events: ["user.created"]))
        #expect(ok.url == "https://8.8.8.8/hooks")
        await f.stop()
    }
}
