import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// Public sign-up is throttled per address and per operator (issue 15, finding 4: 750 live clients for one operator
/// from one address in 2 s, each a `user.created`). Both limits are operator quotas like the others: tier presets,
/// admin overrides, the limits API and the dashboard's meters.
@Suite(.databases) struct SignupThrottleTests {
    static func signup(_ f: OperatorAPIFixture, _ n: Int, slug: String = "acme", sandbox: Bool = false, from address: String) async -> HTTPResponse {
        await f.call(.post, "/v1/client/signup", token: nil,
                     json: #"{"operator":"\#(slug)","sandbox":\#(sandbox),"email":"s\#(n)@example.com","phone":"+919876543210"}"#, from: address)
    }

    @Test func oneAddress_getsTenSignupsAnHourPerOperator_then429WithRetryAfterAndRateLimitHeaders() async throws {
        let f = try await OperatorAPIFixture()
        for n in 0..<10 { #expect(await Self.signup(f, n, from: "198.51.100.7").status == 201) }
        let refused = await Self.signup(f, 10, from: "198.51.100.7")
        #expect(refused.status == 429 && refused.json["code"] == "quota_exceeded")
        #expect(refused.json["violated_policies"] == ["signups-per-address"])
        #expect(refused.headers["Retry-After"] == "360", "one more every 6 minutes")
        #expect(refused.headers["RateLimit-Policy"]?.contains(#""signups-per-address";q=10;w=3600"#) == true)
        #expect(refused.headers["RateLimit-Policy"]?.contains(#""signups";q=200;w=3600"#) == true)
        #expect(refused.headers["RateLimit"] == #""signups-per-address";r=0;t=3600"#)
        #expect(await Self.signup(f, 11, from: "198.51.100.8").status == 201, "another address")
        #expect(await Self.signup(f, 12, slug: "beta", from: "198.51.100.7").status == 201, "another operator")
        #expect(await Self.signup(f, 13, sandbox: true, from: "198.51.100.7").status == 201, "the sandbox counts apart")
        f.clock.advance(by: .seconds(360))
        #expect(await Self.signup(f, 14, from: "198.51.100.7").status == 201, "after Retry-After")
    }

    @Test func theOperatorLimit_holdsAcrossAddresses_andIsAnOverridableQuota() async throws {
        let f = try await OperatorAPIFixture()
        _ = try await f.accounts.updateOperator(f.acme.operator.id, OperatorUpdate(limits: ["signups_per_hour": 3, "signups_per_address_per_hour": 50]))
        try await f.bus.drain()
        for n in 0..<3 { #expect(await Self.signup(f, n, from: "198.51.100.\(n)").status == 201) }
        let refused = await Self.signup(f, 3, from: "198.51.100.99")
        #expect(refused.status == 429 && refused.json["violated_policies"] == ["signups"])
        let users = try await f.accounts.listUsers(TenantScope(operatorID: f.acme.operator.id, mode: .live), UserQuery(limit: 100)).data
        #expect(users.count == 3, "a refused sign-up creates no one")
    }

    @Test func aSignupForAnUnknownOperator_isA404_notCountedAgainstAnyOperator() async throws {
        let f = try await OperatorAPIFixture()
        #expect(await Self.signup(f, 0, slug: "nobody", from: "198.51.100.7").json["code"] == "operator_not_found")
    }

    @Test func limits_listBothSignupQuotas_thePerAddressOneAsItsBusiestAddress() async throws {
        let f = try await OperatorAPIFixture()
        for n in 0..<3 { _ = await Self.signup(f, n, from: "198.51.100.7") }
        _ = await Self.signup(f, 3, from: "198.51.100.8")
        let limits = await f.call(.get, "/v1/wl/limits", token: f.key(f.acme, .live))
        guard case .array(let items)? = limits.json["data"] else { Issue.record("no data"); return }
        let byName = Dictionary(uniqueKeysWithValues: items.map { ($0["name"]?.string ?? "", $0) })
        #expect(byName["signups_per_hour"]?["used"] == 4 && byName["signups_per_hour"]?["limit"] == 200)
        #expect(byName["signups_per_address_per_hour"]?["used"] == 3 && byName["signups_per_address_per_hour"]?["limit"] == 10)
        #expect(byName["signups_per_address_per_hour"]?["window_seconds"] == 3600)
    }
}
