import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport
import Webhooks

/// `POST /v1/wl/webhook-endpoints/:id/check-up` against real receivers on 127.0.0.1 that verify correctly, verify
/// nothing, ignore timestamps or refuse everything; and the inspector's signed content for failed deliveries.
@Suite(.databases) struct ReceiverCheckUpTests {
    /// A receiver of `behaviour` behind a test-mode endpoint of acme's, holding the endpoint's secret.
    static func endpoint(_ f: OperatorAPIFixture, _ behaviour: VerifyingReceiver.Behaviour,
                         events: String = #"["user.created"]"#) async throws -> (VerifyingReceiver, JSONValue) {
        let receiver = try VerifyingReceiver(behaviour, now: { f.clock.now() })
        let created = await f.call(.post, "/v1/wl/webhook-endpoints", token: f.key(f.acme, .test),
                                   json: #"{"url":"\#(receiver.url)","events":\#(events)}"#)
        #expect(created.status == 201)
        receiver.use(secret: try #require(created.json["secret"]?.string))
        return (receiver, created.json)
    }

    static func checkUp(_ f: OperatorAPIFixture, _ endpoint: JSONValue) async throws -> JSONValue {
        let id = try #require(endpoint["id"]?.string)
        let answer = await f.call(.post, "/v1/wl/webhook-endpoints/\(id)/check-up", token: f.key(f.acme, .test))
        #expect(answer.status == 200, "\(answer.text)")
        return answer.json
    }

    static func statuses(_ report: JSONValue) -> [Int?] {
        report["checks"]?.elements.map { $0["status_code"]?.int } ?? []
    }

    @Test func aReceiverThatVerifiesCorrectly_passes_andActsOnceOnTheRepeat() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .verifiesCorrectly)
        let report = try await Self.checkUp(f, endpoint)

        #expect(report["object"] == "webhook_check_up" && report["verdict"] == "pass")
        #expect(report["checks"]?.elements.compactMap { $0["check"]?.string } == ["valid", "tampered_signature", "stale_timestamp", "repeat"])
        #expect(Self.statuses(report) == [200, 401, 401, 200])
        #expect(report["checks"]?.elements.map { $0["passed"] } == [true, true, true, .null])
        #expect(report["fixes"]?.elements.isEmpty == true)
        #expect(report["notes"]?[0]?.string?.contains("dedupe on `webhook-id`") == true)
        #expect(report["checks"]?[0]?["webhook_id"] == report["checks"]?[3]?["webhook_id"], "the repeat is the valid request again")
        #expect(report["checks"]?[2]?["webhook_timestamp"]?.int == Int(f.clock.now().seconds) - 600)
        #expect(report["checks"]?[0]?["tls"] == .null, "plain HTTP")
        #expect(receiver.answered.map(\.check) == ["valid", "tampered_signature", "stale_timestamp", "valid"])
        #expect(receiver.acted == 1)
        let log = await f.call(.get, "/v1/wl/webhook-deliveries", token: f.key(f.acme, .test))
        #expect(log.json["data"]?.elements.isEmpty == true, "nothing in the delivery log")
        await receiver.stop()
    }

    @Test func aReceiverThatVerifiesNothing_fails_withAFixForTheSignatureAndOneForTheTimestamp() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .verifiesNothing)
        let report = try await Self.checkUp(f, endpoint)
        #expect(report["verdict"] == "fail")
        #expect(Self.statuses(report) == [200, 200, 200, 200])
        let fixes = report["fixes"]?.elements.compactMap(\.string) ?? []
        #expect(fixes.count == 2)
        #expect(fixes.first?.contains("signature is wrong") == true && fixes.last?.contains("10 minutes old") == true)
        await receiver.stop()
    }

    @Test func aReceiverThatIgnoresTimestamps_fails_withOnlyTheTimestampFix() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .ignoresTimestamps)
        let report = try await Self.checkUp(f, endpoint)
        #expect(report["verdict"] == "fail")
        #expect(Self.statuses(report) == [200, 401, 200, 200])
        #expect(report["checks"]?.elements.map { $0["passed"] } == [true, true, false, .null])
        let fixes = report["fixes"]?.elements.compactMap(\.string) ?? []
        #expect(fixes.count == 1 && fixes.first?.contains("refuse timestamps more than 5 minutes from your clock") == true)
        await receiver.stop()
    }

    @Test func aReceiverThatRefusesEverything_fails_becauseItRefusedTheValidRequest() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .answers(500))
        let report = try await Self.checkUp(f, endpoint)
        #expect(report["verdict"] == "fail")
        let fixes = report["fixes"]?.elements.compactMap(\.string) ?? []
        #expect(fixes.count == 1 && fixes.first?.hasPrefix("Your endpoint answered HTTP 500 to a correctly signed request") == true)
        await receiver.stop()
    }

    @Test func anUnreachableReceiver_fails_sayingWhatWentWrong() async throws {
        let f = try await OperatorAPIFixture()
        let created = await f.call(.post, "/v1/wl/webhook-endpoints", token: f.key(f.acme, .test),
                                   json: #"{"url":"http://127.0.0.1:9/closed","events":["user.created"]}"#)
        let report = try await Self.checkUp(f, created.json)
        #expect(report["verdict"] == "fail" && report["checks"]?[0]?["error_class"] == "connect")
        #expect(report["fixes"]?[0]?.string?.hasPrefix("We could not deliver a correctly signed request (connect:") == true)
    }

    @Test func anotherTenantsOrModesEndpoint_is404_andNothingIsSent() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .verifiesCorrectly)
        let id = try #require(endpoint["id"]?.string)
        for key in [f.key(f.beta, .test), f.key(f.acme, .live)] {
            let answer = await f.call(.post, "/v1/wl/webhook-endpoints/\(id)/check-up", token: key)
            #expect(answer.status == 404 && answer.headers["Content-Type"] == "application/problem+json")
        }
        #expect(await f.call(.post, "/v1/wl/webhook-endpoints/\(id)/check-up", token: "tt_wl_acme_test_wrong").status == 401)
        #expect(receiver.answered.isEmpty)
        await receiver.stop()
    }

    @Test func theInspector_showsAFailedAttemptsSignedContent_andTheIdOfTheSecretThatSignedIt() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, endpoint) = try await Self.endpoint(f, .answers(400))
        let endpointID = try #require(endpoint["id"]?.string), secret = try #require(endpoint["secret"]?.string)
        #expect(endpoint["secret_id"]?.string == WebhookSigner.secretID(secret) && endpoint["secret_id"]?.string?.hasPrefix("whsk_") == true)
        _ = try await f.createUser(f.acme, .test, email: "inspect@example.com")
        try await f.bus.drain()
        await f.webhooks.dispatcher.drain()
        let listed = await f.call(.get, "/v1/wl/webhook-deliveries", token: f.key(f.acme, .test))
        let deliveryID = try #require(listed.json["data"]?[0]?["id"]?.string)

        let inspected = await f.call(.get, "/v1/wl/webhook-deliveries/\(deliveryID)", token: f.key(f.acme, .test))
        let attempt = try #require(inspected.json["attempts"]?[0])
        let headers = try #require(attempt["request_headers"]), payload = try #require(inspected.json["payload"]?.string)
        let content = "\(headers["webhook-id"]?.string ?? "").\(headers["webhook-timestamp"]?.string ?? "").\(payload)"
        #expect(attempt["signed"]?["content"]?.string == content)
        #expect(attempt["signed"]?["content_bytes"]?.int == content.utf8.count)
        #expect(attempt["signed"]?["signatures"]?[0]?["signature"] == headers["webhook-signature"])
        #expect(attempt["signed"]?["signatures"]?[0]?["secret_id"] == endpoint["secret_id"])
        #expect(!inspected.text.contains(secret), "the secret itself is never shown")

        for _ in 0..<2 {
            let rotated = await f.call(.post, "/v1/wl/webhook-endpoints/\(endpointID)/rotate-secret", token: f.key(f.acme, .test),
                                       json: #"{"expire_old_in_seconds":0}"#)
            #expect(rotated.status == 200)
        }
        let later = await f.call(.get, "/v1/wl/webhook-deliveries/\(deliveryID)", token: f.key(f.acme, .test))
        #expect(later.json["attempts"]?[0]?["signed"]?["signatures"]?[0]?["secret_id"] == .null, "a secret the endpoint no longer holds")
        await receiver.stop()
    }

    @Test func theInspector_leavesSignedContentOffAttemptsTheReceiverTook() async throws {
        let f = try await OperatorAPIFixture()
        let (receiver, _) = try await Self.endpoint(f, .verifiesCorrectly)
        _ = try await f.createUser(f.acme, .test, email: "took@example.com")
        try await f.bus.drain()
        await f.webhooks.dispatcher.drain()
        let listed = await f.call(.get, "/v1/wl/webhook-deliveries", token: f.key(f.acme, .test))
        let inspected = await f.call(.get, "/v1/wl/webhook-deliveries/\(try #require(listed.json["data"]?[0]?["id"]?.string))", token: f.key(f.acme, .test))
        #expect(inspected.json["attempts"]?[0]?["status_code"] == 200 && inspected.json["attempts"]?[0]?["signed"] == nil)
        #expect(receiver.acted == 1)
        await receiver.stop()
    }
}
