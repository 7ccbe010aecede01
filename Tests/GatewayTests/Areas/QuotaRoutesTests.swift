import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing

@Suite struct QuotaRoutesTests {
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
        #expect(items.map { $0["name"]?.string } == ["requests_per_minute", "requests_per_day", "user_creations_per_hour", "webhook_subscriptions"])
        #expect(items[2]["used"] == 1 && items[2]["limit"] == 500)
        #expect(items[3]["limit"] == 10 && items[3]["window_seconds"] == .null)
    }
}
