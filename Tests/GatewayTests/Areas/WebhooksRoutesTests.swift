import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct WebhooksRoutesTests {
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

    /// Five `user.created` a minute apart (e0 … e4); answers the emails of an events page, in its order.
    func fiveEvents() async throws -> (OperatorAPIFixture, [Timestamp]) {
        let f = try await OperatorAPIFixture()
        var times = [Timestamp]()
        for i in 0..<5 {
            times.append(f.clock.now())
            _ = try await f.createUser(f.acme, .test, email: "e\(i)@example.com")
            f.clock.advance(by: .seconds(60))
        }
        return (f, times)
    }

    func emails(_ f: OperatorAPIFixture, _ query: String) async -> [String] {
        let page = await f.call(.get, "/v1/wl/events?" + query, token: f.key(f.acme, .test))
        guard page.status == 200, case .array(let items)? = page.json["data"] else { return ["HTTP \(page.status): \(page.text)"] }
        return items.compactMap { $0["data"]?["user"]?["email"]?.string?.replacingOccurrences(of: "@example.com", with: "") }
    }

    @Test func events_filterATimeRangeWithEveryBound() async throws {
        let (f, t) = try await fiveEvents()
        func at(_ i: Int) -> String { RFC3339.format(t[i], fractional: false) }
        #expect(await emails(f, "type=user.created") == ["e4", "e3", "e2", "e1", "e0"])
        #expect(await emails(f, "created[gte]=\(at(1))&created[lte]=\(at(3))") == ["e3", "e2", "e1"])
        #expect(await emails(f, "created[gt]=\(at(1))&created[lt]=\(at(3))") == ["e2"])
        #expect(await emails(f, "created[lt]=\(at(1))") == ["e0"])
        let malformed = await f.call(.get, "/v1/wl/events?created[lt]=yesterday", token: f.key(f.acme, .test))
        #expect(malformed.status == 400 && malformed.errorFields == ["created[lt]"])
    }

    @Test func events_pageOldestFirst_andBackwardsWithEndingBefore() async throws {
        let (f, t) = try await fiveEvents()
        #expect(await emails(f, "order=asc&limit=2") == ["e0", "e1"])
        let asc = await f.call(.get, "/v1/wl/events?order=asc&limit=2", token: f.key(f.acme, .test))
        let second = try #require(asc.json["data"]?[1]?["id"]?.string)
        #expect(asc.json["has_more"] == true)
        #expect(await emails(f, "order=asc&limit=2&starting_after=\(second)") == ["e2", "e3"])
        #expect(await emails(f, "order=asc&created[gte]=\(RFC3339.format(t[3], fractional: false))") == ["e3", "e4"])

        let desc = await f.call(.get, "/v1/wl/events?limit=5", token: f.key(f.acme, .test))
        let e1 = try #require(desc.json["data"]?[3]?["id"]?.string)
        #expect(await emails(f, "limit=2&ending_before=\(e1)") == ["e3", "e2"], "the page just before e1 in newest-first order")
        #expect(await emails(f, "order=asc&limit=2&ending_before=\(second)") == ["e0"])
        let both = await f.call(.get, "/v1/wl/events?starting_after=\(e1)&ending_before=\(second)", token: f.key(f.acme, .test))
        #expect(both.status == 400 && both.json["code"] == "invalid_parameter")
        let order = await f.call(.get, "/v1/wl/events?order=sideways", token: f.key(f.acme, .test))
        #expect(order.status == 400 && order.errorFields == ["order"])
    }

    @Test func events_areKeptThirtyDays() async throws {
        let (f, _) = try await fiveEvents()
        let first = await f.call(.get, "/v1/wl/events?order=asc&limit=1", token: f.key(f.acme, .test))
        let id = try #require(first.json["data"]?[0]?["id"]?.string)
        f.clock.advance(by: .seconds(30 * 86_400 - 5 * 60))
        #expect(await emails(f, "order=asc&limit=1") == ["e0"], "30 days old: still there")
        f.clock.advance(by: .seconds(1))
        #expect(await emails(f, "order=asc&limit=1") == ["e1"], "older than 30 days: gone, even before the pruner runs")
        #expect(await f.call(.get, "/v1/wl/events/\(id)", token: f.key(f.acme, .test)).status == 404)
    }
}
