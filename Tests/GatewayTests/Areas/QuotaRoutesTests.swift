import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct QuotaRoutesTests {
    @Test func everyOperatorResponse_carriesRateLimitHeaders() async throws {
        let f = try await OperatorAPIFixture()
        let response = await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .live))
        #expect(response.headers["RateLimit-Policy"] == #""minute";q=1000;w=60, "day";q=60000;w=86400"#)
        #expect(response.headers["RateLimit"] == #""minute";r=999;t=1"#)
        let missing = await f.call(.get, "/v1/wl/users/usr_nope", token: f.key(f.acme, .live))
        #expect(missing.status == 404 && missing.headers["RateLimit"] != nil, "error answers carry them too")
    }

    @Test func the1001stRequest_is429WithRetryAfterAndViolatedPolicies_andOtherModesStillPass() async throws {
        let f = try await OperatorAPIFixture()
        for _ in 0..<1000 { _ = await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .live)) }
        let refused = await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .live))
        #expect(refused.status == 429)
        #expect(refused.headers["Retry-After"] == "1")
        #expect(refused.json["type"]?.string?.hasSuffix("/quota_exceeded") == true)
        #expect(refused.json["violated_policies"] == ["minute"])
        #expect(await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .test)).status == 200)
        #expect(await f.call(.get, "/v1/wl/plans", token: f.key(f.beta, .live)).status == 200)
        let limits = await f.call(.get, "/v1/wl/limits", token: f.key(f.acme, .live))
        #expect(limits.status == 200, "the limits route is not counted")
        f.clock.advance(by: .milliseconds(60))
        #expect(await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .live)).status == 200)
    }

    @Test func aBulkCallBeyondTheHourlyCreationQuota_isRefusedWhole() async throws {
        let f = try await OperatorAPIFixture()
        _ = try await f.accounts.updateOperator(f.acme.operator.id, OperatorUpdate(limits: ["user_creations_per_hour": 2]))
        try await f.bus.drain()
        let plan = try await f.defaultPlan(f.acme, .live)
        let rows = (0..<3).map { #"{"email":"u\#($0)@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"# }
        let refused = await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .live), json: #"{"users":[\#(rows.joined(separator: ","))]}"#)
        #expect(refused.status == 429 && refused.json["violated_policies"] == ["user-creations"])
        #expect(try await f.accounts.listUsers(TenantScope(operatorID: f.acme.operator.id, mode: .live), UserQuery()).data.isEmpty)
        #expect(await f.call(.get, "/v1/wl/plans", token: f.key(f.acme, .live)).status == 200, "other requests still pass")
    }

    @Test func limits_reportEveryQuotaWithUsedAndRemaining() async throws {
        let f = try await OperatorAPIFixture()
        _ = try await f.createUser(f.acme, .live, email: "q@example.com")
        let limits = await f.call(.get, "/v1/wl/limits", token: f.key(f.acme, .live))
        #expect(limits.json["tier"] == "standard")
        guard case .array(let items)? = limits.json["data"] else { Issue.record("no data"); return }
        #expect(items.map { $0["name"]?.string } == [
            "requests_per_minute", "requests_per_day", "user_creations_per_hour", "signups_per_hour", "signups_per_address_per_hour",
            "webhook_subscriptions",
        ])
        #expect(items[2]["used"] == 1 && items[2]["limit"] == 500)
        #expect(items[5]["limit"] == 10 && items[5]["window_seconds"] == .null)
    }

    /// The `requests_per_day` item of `GET /v1/wl/limits`.
    func dayQuota(_ f: OperatorAPIFixture, _ key: String, _ name: String = "requests_per_day") async -> JSONValue? {
        let limits = await f.call(.get, "/v1/wl/limits", token: key)
        guard case .array(let items)? = limits.json["data"] else { return nil }
        return items.first { $0["name"]?.string == name }
    }

    @Test func requestsPerDay_isTheCountOfTheISTCalendarDay_whateverTheIdleTime() async throws {
        let f = try await OperatorAPIFixture(now: IST.at("2026-11-25 23:50"))
        let key = f.key(f.acme, .live)
        for _ in 0..<7 { _ = await f.call(.get, "/v1/wl/plans", token: key) }
        f.clock.advance(by: .seconds(180))
        let day = try #require(await dayQuota(f, key))
        #expect(day["used"] == 7 && day["remaining"] == 59_993 && day["limit"] == 60_000, "three idle minutes give nothing back")
        #expect(day["window_seconds"] == 86_400 && day["resets_in_seconds"] == 420, "the day ends at midnight IST")
        f.clock.set(to: IST.at("2026-11-26 00:00"))
        #expect(try #require(await dayQuota(f, key))["used"] == 0, "a new IST day starts from zero")
    }

    @Test func requestsPerDay_headersAndRefusal_followTheSameWindow() async throws {
        let f = try await OperatorAPIFixture(now: IST.at("2026-11-25 18:00"))
        _ = try await f.accounts.updateOperator(f.acme.operator.id, OperatorUpdate(limits: ["requests_per_day": 10]))
        try await f.bus.drain()
        let key = f.key(f.acme, .live)
        for _ in 0..<7 { _ = await f.call(.get, "/v1/wl/plans", token: key) }
        f.clock.advance(by: .seconds(600))
        let eighth = await f.call(.get, "/v1/wl/plans", token: key)
        #expect(eighth.headers["RateLimit"] == #""day";r=2;t=21000"#, "8 of 10 used, 5 h 50 min to midnight IST")
        for _ in 0..<2 { #expect(await f.call(.get, "/v1/wl/plans", token: key).status == 200) }
        let refused = await f.call(.get, "/v1/wl/plans", token: key)
        #expect(refused.status == 429 && refused.json["violated_policies"] == ["day"] && refused.headers["Retry-After"] == "21000")
        let day = try #require(await dayQuota(f, key))
        #expect(day["used"] == 10 && day["remaining"] == 0)
        f.clock.set(to: IST.at("2026-11-26 00:00"))
        #expect(await f.call(.get, "/v1/wl/plans", token: key).status == 200)
    }

    @Test func userCreationQuota_chargesOnlyTheUsersActuallyCreated() async throws {
        let f = try await OperatorAPIFixture(now: IST.at("2026-11-25 10:10"))
        _ = try await f.accounts.updateOperator(f.acme.operator.id, OperatorUpdate(limits: ["user_creations_per_hour": 4]))
        try await f.bus.drain()
        let key = f.key(f.acme, .live), plan = try await f.defaultPlan(f.acme, .live)
        func user(_ email: String) -> String { #"{"email":"\#(email)","phone":"+919876543210","plan_id":"\#(plan)"}"# }
        func create(_ body: String, key idempotencyKey: String? = nil) async -> HTTPResponse {
            await f.call(.post, "/v1/wl/users", token: key, json: body, headers: idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:])
        }

        #expect(await create(user("bad")).status == 422, "refused by validation")
        #expect(await create(user("a@example.com"), key: "k1").status == 201)
        #expect(await create(user("a@example.com"), key: "k1").headers["Idempotent-Replayed"] == "true")
        #expect(await create(user("b@example.com"), key: "k1").status == 422, "the key reused for another body")
        let fingerprint = Digest.sha256(Array("POST /v1/wl/users\n".utf8) + Array(user("c@example.com").utf8))
        _ = try await IdempotencyStore(database: f.database).claim(scope: "\(f.acme.operator.id)/live", key: "k2", fingerprint: fingerprint)
        #expect(await create(user("c@example.com"), key: "k2").status == 409, "the key still in progress")
        let bulk = await f.call(.post, "/v1/wl/users/bulk", token: key,
                                json: #"{"users":[\#(user("b@example.com")),\#(user("bad")),\#(user("a@example.com"))]}"#)
        #expect(bulk.status == 200, "one row created, one invalid, one email taken")
        #expect(await create(user("a@example.com")).status == 409, "email taken")

        let creations = try #require(await dayQuota(f, key, "user_creations_per_hour"))
        #expect(creations["used"] == 2 && creations["remaining"] == 2, "two users exist; nothing else was charged")
        #expect(await create(user("d@example.com")).status == 201)
        #expect(await create(user("e@example.com")).status == 201)
        let over = await create(user("f@example.com"))
        #expect(over.status == 429 && over.json["violated_policies"] == ["user-creations"])
        #expect(await create(user("a@example.com"), key: "k1").status == 201, "a replay costs nothing, even at the limit")
        f.clock.set(to: IST.at("2026-11-25 11:00"))
        #expect(try #require(await dayQuota(f, key, "user_creations_per_hour"))["used"] == 0, "the IST hour turned")
    }
}
