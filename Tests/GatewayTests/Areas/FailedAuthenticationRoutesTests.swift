import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// The failed-authentication throttle through the whole API (issue 15, findings 5 and 6): it throttles failures only,
/// its `Retry-After` is the real wait, it counts each client behind a trusted proxy on its own, and an ambiguous
/// credential is refused.
@Suite(.databases) struct FailedAuthenticationRoutesTests {
    static let attacker = "203.0.113.9"

    /// The address's 20 failures, all answered 401.
    static func exhaust(_ f: OperatorAPIFixture, from address: String = attacker, forwardedFor: String? = nil) async {
        let headers = forwardedFor.map { ["X-Forwarded-For": $0] } ?? [:]
        for _ in 0..<20 {
            #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", headers: headers, from: address).status == 401)
        }
    }

    @Test func aThrottledAddress_isRefusedItsFailures_butNeverAValidKeyOrTheAdminToken() async throws {
        let f = try await OperatorAPIFixture()
        await Self.exhaust(f)
        let refused = await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.attacker)
        #expect(refused.status == 429 && refused.json["code"] == "quota_exceeded" && refused.json["violated_policies"] == ["auth-failures"])
        #expect(refused.headers["RateLimit-Policy"] == #""auth-failures";q=20;w=60"#)
        #expect(refused.headers["RateLimit"]?.hasPrefix(#""auth-failures";r=0;t="#) == true)
        #expect(await f.call(.get, "/v1/wl/me", token: f.key(f.acme, .live), from: Self.attacker).status == 200)
        #expect(await f.call(.get, "/v1/admin/operators", token: OperatorAPIFixture.adminToken, from: Self.attacker).status == 200)
    }

    @Test func retryAfter_isTheRealWait_untilTheAddressIsHeardAgain() async throws {
        let f = try await OperatorAPIFixture()
        await Self.exhaust(f)
        let refused = await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.attacker)
        let wait = try #require(refused.headers["Retry-After"].flatMap(Int.init))
        #expect(wait == 3, "20 failures a minute: one more every 3 s")
        f.clock.advance(by: .seconds(wait - 1))
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.attacker).headers["Retry-After"] == "1")
        f.clock.advance(by: .seconds(1))
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.attacker).status == 401, "heard again")
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: Self.attacker).status == 429)
    }

    @Test func behindATrustedProxy_eachForwardedClientIsThrottledOnItsOwn() async throws {
        let f = try await OperatorAPIFixture { $0.trustedProxies = [IPNetwork("10.0.0.0/8")!] }
        await Self.exhaust(f, from: "10.0.0.1", forwardedFor: "198.51.100.7")
        let headers = ["X-Forwarded-For": "198.51.100.7"]
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", headers: headers, from: "10.0.0.1").status == 429)
        let other = ["X-Forwarded-For": "198.51.100.8"]
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", headers: other, from: "10.0.0.1").status == 401,
                "another client behind the same proxy is not locked out")
    }

    @Test func anUntrustedPeer_cannotDodgeTheThrottle_byForwardingForOthers() async throws {
        let f = try await OperatorAPIFixture { $0.trustedProxies = [IPNetwork("10.0.0.0/8")!] }
        for i in 0..<20 {
            let headers = ["X-Forwarded-For": "198.51.100.\(i)"]
            #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", headers: headers, from: Self.attacker).status == 401)
        }
        let headers = ["X-Forwarded-For": "198.51.100.99"]
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", headers: headers, from: Self.attacker).status == 429)
    }

    @Test func twoAuthorizationHeaders_areRefusedWith400_whicheverComesFirst() async throws {
        let f = try await OperatorAPIFixture()
        for tokens in [[f.key(f.acme, .live), f.key(f.beta, .live)], [f.key(f.acme, .live), "tt_wl_acme_live_guess"]] {
            var headers = HTTPHeaders()
            for token in tokens { headers.add("Authorization", "Bearer \(token)") }
            let response = await f.gateway.handle(HTTPRequest(method: .get, target: "/v1/wl/me", headers: headers, remoteAddress: "127.0.0.1"))
            #expect(response.status == 400 && response.json["code"] == "duplicate_authorization", "\(response.text)")
        }
    }
}
