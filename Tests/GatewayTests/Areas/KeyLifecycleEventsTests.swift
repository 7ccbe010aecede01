import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// `api_key.rotated` and `api_key.expiring` through HTTP: rotating a key publishes the first, the maintenance pass
/// the second (once as the last hour begins, once more if the key is still used after that), both reach the events
/// API and the endpoints subscribed to them, and they count against the subscription quota like the others.
@Suite(.databases) struct KeyLifecycleEventsTests {
    static let hour: Duration = .seconds(3600)

    /// The operator's events of `type` (test or live, by `key`), newest first, as the events API answers them.
    static func events(_ f: OperatorAPIFixture, _ type: String, key: String) async throws -> [JSONValue] {
        try await f.bus.drain()
        let page = await f.call(.get, "/v1/wl/events?type=\(type)", token: key)
        #expect(page.status == 200, "\(page.text)")
        return page.json["data"]?.elements ?? []
    }

    static func keyID(_ f: OperatorAPIFixture, _ key: String) async throws -> String {
        try #require(await f.call(.get, "/v1/wl/me", token: key).json["key"]?["id"]?.string)
    }

    /// Rotates the live key through HTTP with `grace` seconds; answers the old key's id and the new key.
    static func rotate(_ f: OperatorAPIFixture, grace: Int) async throws -> (oldID: String, new: String, newID: String) {
        let old = f.key(f.acme, .live), oldID = try await keyID(f, old)
        let rotated = await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":\#(grace)}"#)
        #expect(rotated.status == 201)
        return (oldID, try #require(rotated.json["secret"]?.string), try #require(rotated.json["id"]?.string))
    }

    @Test func rotatingAKey_publishesAPIKeyRotated_withTheNewKeyAndWhenTheOldStopsWorking() async throws {
        let f = try await OperatorAPIFixture()
        let rotatedAt = f.clock.now()
        let (oldID, new, newID) = try await Self.rotate(f, grace: 86_400)

        let events = try await Self.events(f, "api_key.rotated", key: new)
        #expect(events.count == 1)
        let data = try #require(events.first?["data"])
        #expect(data["mode"] == "live" && data["key_id"]?.string == newID)
        #expect(data["previous_key_ids"]?.elements.map(\.string) == [oldID])
        #expect(data["previous_keys_expire_at"]?.string == RFC3339.format(rotatedAt + .seconds(86_400)))
        #expect(data["masked"]?.string?.hasSuffix(String(new.suffix(4))) == true)
        #expect(try await Self.events(f, "api_key.rotated", key: f.key(f.acme, .test)).isEmpty, "the test mode saw no live rotation")
        #expect(try await Self.events(f, "api_key.rotated", key: f.key(f.beta, .live)).isEmpty, "nor did another operator")
    }

    @Test func aRotatedOutKey_getsOneNoticeAsItsLastHourBegins_andOneMoreIfStillUsedAfterIt() async throws {
        let f = try await OperatorAPIFixture()
        let old = f.key(f.acme, .live), start = f.clock.now()
        let (oldID, new, _) = try await Self.rotate(f, grace: 3 * 3600)

        f.clock.advance(by: Self.hour + .seconds(59 * 60))
        try await f.accounts.runMaintenance()
        #expect(try await Self.events(f, "api_key.expiring", key: new).isEmpty, "an hour and a minute left: not yet")

        f.clock.advance(by: .seconds(60))
        #expect(try await f.accounts.runMaintenance().keyNotices == 1)
        #expect(try await f.accounts.runMaintenance().keyNotices == 0, "once")
        let first = try #require(try await Self.events(f, "api_key.expiring", key: new).first?["data"])
        #expect(first["key_id"]?.string == oldID && first["reason"] == "one_hour_left" && first["mode"] == "live")
        #expect(first["expires_at"]?.string == RFC3339.format(start + .seconds(3 * 3600)))

        f.clock.advance(by: .seconds(10 * 60))
        #expect(await f.call(.get, "/v1/wl/users", token: old).status == 200, "something still uses the old key")
        #expect(try await f.accounts.runMaintenance().keyNotices == 1)
        f.clock.advance(by: .seconds(10 * 60))
        #expect(await f.call(.get, "/v1/wl/users", token: old).status == 200)
        #expect(try await f.accounts.runMaintenance().keyNotices == 0, "the second notice is sent once too")
        let notices = try await Self.events(f, "api_key.expiring", key: new)
        #expect(notices.compactMap { $0["data"]?["reason"]?.string } == ["still_in_use", "one_hour_left"])
        #expect(notices.first?["data"]?["last_used_at"]?.string == RFC3339.format(start + .seconds(2 * 3600 + 10 * 60)))

        f.clock.advance(by: Self.hour)
        #expect(await f.call(.get, "/v1/wl/users", token: old).status == 401)
        #expect(try await f.accounts.runMaintenance().keyNotices == 0, "nothing about an expired key")
    }

    @Test func aKeyRotatedOutWithoutGrace_getsNoExpiringNotice_andOneWithLessThanAnHour_getsItOnTheNextPass() async throws {
        let f = try await OperatorAPIFixture()
        let (_, new, _) = try await Self.rotate(f, grace: 0)
        #expect(try await f.accounts.runMaintenance().keyNotices == 0)

        let rotated = await f.call(.post, "/v1/wl/api-keys/rotate", token: new, json: #"{"expire_old_in_seconds":1800}"#)
        let newest = try #require(rotated.json["secret"]?.string)
        f.clock.advance(by: .seconds(60))
        #expect(try await f.accounts.runMaintenance().keyNotices == 1, "the rotation's own request does not count as still in use")
        let notices = try await Self.events(f, "api_key.expiring", key: newest)
        #expect(notices.compactMap { $0["data"]?["reason"]?.string } == ["one_hour_left"])
    }

    @Test func keyEvents_areSubscribable_countAgainstTheQuota_andAreDeliveredToTheirSubscribers() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .live)
        let endpoint = await f.call(.post, "/v1/wl/webhook-endpoints", token: key,
                                    json: #"{"url":"https://hooks.example.com/keys","events":["api_key.rotated","api_key.expiring"]}"#)
        #expect(endpoint.status == 201)
        let limits = await f.call(.get, "/v1/wl/limits", token: key)
        let subscriptions = limits.json["data"]?.elements.first { $0["name"] == "webhook_subscriptions" }
        #expect(subscriptions?["used"] == 2)

        let (_, new, _) = try await Self.rotate(f, grace: 3600)
        f.clock.advance(by: .seconds(60))
        try await f.accounts.runMaintenance()
        try await f.bus.drain()
        let deliveries = await f.call(.get, "/v1/wl/webhook-deliveries", token: new)
        #expect(Set(deliveries.json["data"]?.elements.compactMap { $0["event_type"]?.string } ?? []) == ["api_key.rotated", "api_key.expiring"])

        let stats = await f.call(.get, "/v1/wl/webhook-stats", token: new)
        let types = stats.json["data"]?.elements.compactMap { $0["event_type"]?.string } ?? []
        #expect(types.contains("api_key.rotated") && types.contains("api_key.expiring"), "the dashboard's 7-day rows")
    }
}
