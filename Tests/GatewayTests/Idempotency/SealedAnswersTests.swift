import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// The idempotency store keeps its answers sealed (issue 15, finding 3): before, it kept whole response bodies in
/// plain text for 24 h, new API keys and one-time login links included, and every backup carried them.
@Suite(.databases) struct SealedAnswersTests {
    /// Every stored answer body, as the database holds it.
    static func storedBodies(_ f: OperatorAPIFixture) async throws -> [[UInt8]] {
        try await f.database.read { tx in try tx.query("SELECT body FROM idempotency_keys WHERE state = 'done'").map { try $0.get("body") } }
    }

    static func holdsText(_ bodies: [[UInt8]], _ text: String) -> Bool {
        bodies.contains { String(decoding: $0, as: UTF8.self).contains(text) }
    }

    @Test func answersWithKeysAndLoginLinks_areStoredSealed_andReplayedByteForByte() async throws {
        let f = try await OperatorAPIFixture()
        let rotate = { await f.call(.post, "/v1/wl/api-keys/rotate", token: f.key(f.acme, .test), json: #"{"expire_old_in_seconds":60}"#,
                                    headers: ["Idempotency-Key": "rotate-1"]) }
        let rotated = await rotate()
        let newKey = try #require(rotated.json["secret"]?.string)
        let created = await f.call(.post, "/v1/admin/operators", token: OperatorAPIFixture.adminToken, json: #"{"name":"Gamma","slug":"gamma"}"#,
                                   headers: ["Idempotency-Key": "gamma"])
        let gammaKey = try #require(created.json["keys"]?["live"]?.string)
        let plan = try await f.defaultPlan(f.acme, .live)
        let user = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live),
                                json: #"{"email":"s@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#, headers: ["Idempotency-Key": "user-1"])
        let loginToken = try #require(user.json["login_url"]?.string?.components(separatedBy: "token=").last)

        let bodies = try await Self.storedBodies(f)
        #expect(bodies.count == 3)
        for secret in [newKey, gammaKey, loginToken, "tt_wl_", "lt_", "login_url"] {
            #expect(!Self.holdsText(bodies, secret), "\(secret) is readable in the store")
        }
        let replayed = await rotate()
        #expect(replayed.headers["Idempotent-Replayed"] == "true" && replayed.body == rotated.body)
    }

    @Test func theSameKeyReplayedWithAnotherCredential_isRefused_notRunAgain() async throws {
        let f = try await OperatorAPIFixture()
        let body = #"{"expire_old_in_seconds":3600}"#
        let first = await f.call(.post, "/v1/wl/api-keys/rotate", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "r"])
        let current = try #require(first.json["secret"]?.string)
        let other = await f.call(.post, "/v1/wl/api-keys/rotate", token: current, json: body, headers: ["Idempotency-Key": "r"])
        #expect(other.status == 422 && other.json["code"] == "idempotency_key_reused", "\(other.text)")
        #expect(!other.text.contains("tt_wl_acme_live_"), "nothing of the first answer")
        let keys = await f.call(.get, "/v1/wl/api-keys", token: current)
        guard case .array(let listed)? = keys.json["data"] else { Issue.record("no keys"); return }
        #expect(listed.filter { $0["mode"] == "live" }.count == 2, "the rotation ran once")
    }

    @Test func plainAnswersFromAnEarlierRelease_areDroppedAtStart_sealedOnesKept() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .live)
        let body = #"{"email":"p@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#
        _ = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "sealed"])
        try await f.database.write { tx in
            try tx.execute(
                "INSERT INTO idempotency_keys(scope, key, fingerprint, state, status, headers, body, created_at, expires_at) VALUES (?, ?, ?, 'done', 201, '{}', ?, ?, ?)",
                ["op_x/live", "plain", [UInt8](repeating: 0, count: 32), Array(#"{"login_url":"https://x/login?token=lt_plain"}"#.utf8), tx.now, tx.now + .seconds(3600)])
        }
        try await IdempotencyMiddleware(database: f.database, masterKey: f.services.masterKey).recover()
        let keys = try await f.database.read { tx in try tx.query("SELECT key FROM idempotency_keys").map { try $0.get("key", as: String.self) } }
        #expect(keys == ["sealed"])
    }

    @Test func anAnswerSealedUnderAnotherMasterKey_isRefused() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .live)
        let body = #"{"email":"k@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#
        #expect(await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "k"]).status == 201)
        var configuration = GatewayConfiguration(middleware: [IdempotencyMiddleware(database: f.database, masterKey: .generate())])
        configuration.authenticators = [OperatorKeyAuthenticator(accounts: f.accounts)]
        let rekeyed = Gateway(configuration: configuration, routes: Routes.users(f.accounts))
        let headers: HTTPHeaders = ["Authorization": "Bearer \(f.key(f.acme, .live))", "Content-Type": "application/json", "Idempotency-Key": "k"]
        let replay = await rekeyed.handle(HTTPRequest(method: .post, target: "/v1/wl/users", headers: headers, body: Array(body.utf8)))
        #expect(replay.status == 422 && replay.json["code"] == "idempotency_key_reused")
    }
}
