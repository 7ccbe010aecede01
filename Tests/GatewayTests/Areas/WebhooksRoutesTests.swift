import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing

@Suite struct WebhooksRoutesTests {
    static let allEvents = #"["user.created","user.broker_connected","strategy.deployed","strategy.paused","usage.daily","broker.disconnected","wallet.low_balance"]"#

    @Test func subscriptionQuota_isReportedWithTheRightArithmetic_inIntegers() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .test)
        let first = await f.call(.post, "/v1/wl/webhook-endpoints", token: key, json: #"{"url":"http://127.0.0.1:9/a","events":\#(Self.allEvents)}"#)
        #expect(first.status == 201)
        let refused = await f.call(.post, "/v1/wl/webhook-endpoints", token: key,
                                   json: #"{"url":"http://127.0.0.1:9/b","events":["user.created","strategy.deployed","strategy.paused","usage.daily"]}"#)
        #expect(refused.status == 409 && refused.json["code"] == "subscription_quota_exceeded")
        #expect(refused.json["detail"] == "7 of 10 webhook subscriptions are active; this change needs 4 more, 1 over the quota.")
        #expect(refused.json["active"] == 7 && refused.json["limit"] == 10 && refused.json["requested"] == 4)
    }

    @Test func subscriptionQuota_neverRefusesAChangeThatAddsNone_evenOverALoweredQuota() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .test)
        let endpoint = await f.call(.post, "/v1/wl/webhook-endpoints", token: key, json: #"{"url":"http://127.0.0.1:9/a","events":\#(Self.allEvents)}"#)
        let id = try #require(endpoint.json["id"]?.string)
        _ = try await f.accounts.updateOperator(f.acme.operator.id, OperatorUpdate(limits: ["webhook_subscriptions": 5]))
        try await f.bus.drain()
        let fewer = await f.call(.patch, "/v1/wl/webhook-endpoints/\(id)", token: key, json: #"{"events":["user.created","usage.daily"]}"#)
        #expect(fewer.status == 200, "7 → 2 adds none")
        let more = await f.call(.patch, "/v1/wl/webhook-endpoints/\(id)", token: key,
                                json: #"{"events":["user.created","usage.daily","strategy.deployed","strategy.paused","broker.disconnected","wallet.low_balance"]}"#)
        #expect(more.status == 409 && more.json["detail"] == "2 of 5 webhook subscriptions are active; this change needs 4 more, 1 over the quota.")
    }

}
