import APITestSupport
import Accounts
import Billing
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Strategies
import Testing
import TestSupport

/// Sandbox test clocks through HTTP: test keys only, pinned, moved forward by at most 60 days, returned to real time;
/// and everything the calendar drives runs in order for the simulated time (roll-ups, debits, `usage.daily` and its
/// webhooks, the low-balance alert, rotated-out keys' last hour).
@Suite(.databases) struct TestClockTests {
    static let day: Duration = .seconds(86_400)

    static func time(_ t: Timestamp) -> String { RFC3339.format(t) }

    /// A sandbox client who signs up, links a broker (expiring at `brokerExpiry`, if given) and deploys a pushed
    /// template to live trading, at the sandbox's time, with every module caught up.
    static func liveClient(_ f: OperatorAPIFixture, _ email: String, _ scope: TenantScope, brokerExpiry: Timestamp? = nil) async throws
        -> ClientPrincipal
    {
        let session = try await f.accounts.signup(ClientSignup(operator: "acme", sandbox: true, email: email, phone: "+919876543210"))
        let client = ClientPrincipal(scope: scope, userID: session.user.id)
        _ = try await f.accounts.connectBroker(client, BrokerLink(broker: "zerodha", clientCode: "AB1234", expiresAt: brokerExpiry))
        try await f.bus.drain()
        _ = try await f.services.strategies.push(scope, target: .user(client.userID),
                                                 template: .markdown("---\nname: Nifty momentum\ninstruments: [NIFTY]\n---\nRides the trend.\n"))
        let copy = try #require(try await f.services.strategies.listClientStrategies(scope, userID: client.userID).data.first)
        _ = try await f.services.strategies.deploy(scope, userID: client.userID, strategyID: copy.id, mode: .live)
        try await f.bus.drain()
        return client
    }

    @Test func aLiveKey_isRefused403_onEveryTestClockRoute() async throws {
        let f = try await OperatorAPIFixture()
        let live = f.key(f.acme, .live)
        let calls = [
            await f.call(.get, "/v1/wl/test-clock", token: live),
            await f.call(.post, "/v1/wl/test-clock", token: live, json: "{}"),
            await f.call(.post, "/v1/wl/test-clock/advance", token: live, json: #"{"to":"\#(Self.time(f.clock.now() + Self.day))"}"#),
            await f.call(.delete, "/v1/wl/test-clock", token: live),
        ]
        for response in calls {
            #expect(response.status == 403 && response.json["code"] == "test_mode_only")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        #expect(f.database.now(for: TenantScope(operatorID: f.acme.operator.id, mode: .test)) == f.clock.now(), "no clock was set")
    }

    @Test func aClock_isPinned_movedForwardAtMost60Days_andReturnedToRealTime_forItsSandboxAlone() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .test), now = f.clock.now()
        #expect(await f.call(.get, "/v1/wl/test-clock", token: key).json["frozen_time"] == .null)
        #expect(await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(now + Self.day))"}"#)
            .json["code"] == "no_test_clock")

        let frozen = await f.call(.post, "/v1/wl/test-clock", token: key, json: "{}")
        #expect(frozen.status == 201 && frozen.json["frozen_time"]?.string == Self.time(now) && frozen.json["livemode"] == false)
        #expect(await f.call(.post, "/v1/wl/test-clock", token: key, json: "{}").json["code"] == "test_clock_exists")
        let tooFar = await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(now + .seconds(61 * 86_400)))"}"#)
        #expect(tooFar.status == 422 && tooFar.errorFields == ["to"])
        #expect(await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(now - Self.day))"}"#).status == 422)

        let moved = await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(now + .seconds(60 * 86_400)))"}"#)
        #expect(moved.status == 200 && moved.json["current_time"]?.string == Self.time(now + .seconds(60 * 86_400)))
        #expect(f.database.now(for: TenantScope(operatorID: f.acme.operator.id, mode: .live)) == now, "the live mode keeps real time")
        #expect(f.database.now(for: TenantScope(operatorID: f.beta.operator.id, mode: .test)) == now, "and so does every other sandbox")
        let plan = try await f.defaultPlan(f.acme, .test)
        let user = await f.call(.post, "/v1/wl/users", token: key, json: #"{"email":"later@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#)
        #expect(user.json["created_at"]?.string == Self.time(now + .seconds(60 * 86_400)), "the sandbox's writes carry its time")

        let back = await f.call(.delete, "/v1/wl/test-clock", token: key)
        #expect(back.status == 200 && back.json["frozen_time"] == .null && back.json["current_time"]?.string == Self.time(now))
        #expect(f.database.now(for: TenantScope(operatorID: f.acme.operator.id, mode: .test)) == now)
    }

    /// Two live strategies on a ₹100 test wallet, the clock pinned at the fixture's start (21 Sep 2026, 19:43 IST)
    /// and moved 30 days. By hand: the usage days 22 Sep … 21 Oct close on the way (30 windows, each ending at 18:30
    /// IST before 21 Oct 19:43 IST); each bills 2 strategy-days × ₹15 = ₹30, so 30 roll-ups, 30 debits of 3,000 paise,
    /// a balance of 10,000 − 90,000 = −80,000 paise, 30 `usage.daily` events and 30 deliveries of them. The one
    /// low-balance alert came at the first deploy (runway 10,000 ÷ 1,500 = 6.7 days < 7) and the wallet stays low
    /// (then overdrawn) all month: one crossing, one alert.
    @Test func thirtyDays_ofTwoLiveStrategies_onAHundredRupeeWallet_billAsComputedByHand() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .test), start = f.clock.now(), scope = TenantScope(operatorID: f.acme.operator.id, mode: .test)
        let receiver = try VerifyingReceiver(.verifiesCorrectly, now: { f.clock.now() })
        let endpoint = await f.call(.post, "/v1/wl/webhook-endpoints", token: key,
                                    json: #"{"url":"\#(receiver.url)","events":["usage.daily","wallet.low_balance"]}"#)
        receiver.use(secret: try #require(endpoint.json["secret"]?.string))
        let credit = await f.call(.post, "/v1/admin/operators/\(f.acme.operator.id)/wallet/credits", token: OperatorAPIFixture.adminToken,
                                  json: #"{"amount_paise":10000,"reference":"pay_sandbox_1","mode":"test"}"#)
        #expect(credit.status == 201)
        #expect(await f.call(.post, "/v1/wl/test-clock", token: key, json: "{}").status == 201)

        for email in ["asha@example.com", "ravi@example.com"] { _ = try await Self.liveClient(f, email, scope) }

        let advanced = await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(start + .seconds(30 * 86_400)))"}"#)
        #expect(advanced.status == 200, "\(advanced.text)")
        let run = try #require(advanced.json["advance"])
        #expect(run["work"]?["days_rolled_up"] == 30)
        #expect(run["events_by_type"]?["usage.daily"] == 30 && run["events_by_type"]?["wallet.low_balance"] == nil)

        let usage = await f.call(.get, "/v1/wl/usage?from=2026-09-22&to=2026-10-21&group_by=day", token: key)
        #expect(usage.json["data"]?.elements.count == 30)
        #expect(usage.json["data"]?.elements.allSatisfy { $0["strategy_days"] == 2 && $0["amount_paise"] == 3000 } == true)
        #expect(usage.json["totals"]?["strategy_days"] == 60 && usage.json["totals"]?["amount_paise"] == 90000)
        #expect(await f.call(.get, "/v1/wl/usage?from=2026-10-22&to=2026-10-22&group_by=day", token: key).json["data"]?.elements.isEmpty == true,
                "the day still open is not rolled up")

        let wallet = await f.call(.get, "/v1/wl/wallet", token: key)
        #expect(wallet.json["balance_paise"] == -80000)
        let entries = wallet.json["recent_entries"]?.elements ?? []
        #expect(entries.compactMap { $0["balance_after_paise"]?.int } == (0..<10).map { -80000 + 3000 * $0 })
        #expect(entries.first?["created_at"]?.string == Self.time(UsageWindow(date: CivilDate("2026-10-21")!).end), "debited as the day closed")

        let inbox = await f.call(.get, "/v1/wl/inbox", token: key)
        #expect(inbox.json["data"]?.elements.count == 1, "one low-balance alert")
        try await f.bus.drain()
        let daily = await f.call(.get, "/v1/wl/webhook-deliveries?event_type=usage.daily&limit=100", token: key)
        #expect(daily.json["data"]?.elements.count == 30)
        await f.webhooks.dispatcher.drain()
        #expect(receiver.acted == 31, "30 usage.daily and the one wallet.low_balance, each verified")
        await receiver.stop()
    }

    /// A live strategy whose broker link expires a day after the clock was pinned (22 Sep, 19:43 IST), moved three
    /// days on. In order, the expiry pauses the strategy inside the window of 23 Sep, so the days bill 1, 1, 0; were
    /// the expiry run after the roll-ups, 24 Sep would bill too.
    @Test func anAdvance_runsABrokerExpiryInOrderWithTheRollUps() async throws {
        let f = try await OperatorAPIFixture()
        let key = f.key(f.acme, .test), start = f.clock.now(), scope = TenantScope(operatorID: f.acme.operator.id, mode: .test)
        #expect(await f.call(.post, "/v1/wl/test-clock", token: key, json: "{}").status == 201)
        let client = try await Self.liveClient(f, "asha@example.com", scope, brokerExpiry: start + Self.day)

        let advanced = await f.call(.post, "/v1/wl/test-clock/advance", token: key, json: #"{"to":"\#(Self.time(start + .seconds(3 * 86_400)))"}"#)
        let run = try #require(advanced.json["advance"])
        #expect(run["work"]?["brokers_expired"] == 1 && run["work"]?["days_rolled_up"] == 3)
        #expect(run["events_by_type"]?["broker.disconnected"] == 1 && run["events_by_type"]?["strategy.paused"] == 1)
        let usage = await f.call(.get, "/v1/wl/usage?from=2026-09-22&to=2026-09-24&group_by=day", token: key)
        #expect(usage.json["data"]?.elements.compactMap { $0["strategy_days"]?.int } == [1, 1], "a day with none has no line")
        #expect(usage.json["totals"]?["strategy_days"] == 2 && usage.json["totals"]?["amount_paise"] == 3000)
        let paused = try #require(try await f.services.strategies.listClientStrategies(scope, userID: client.userID).data.first)
        #expect(paused.status == .paused && paused.pauseReason == .brokerDisconnected)
    }

    @Test func aTestKeysGrace_endsOnTheSandboxsClock_withItsLastHourNoticeOnTheWay() async throws {
        let f = try await OperatorAPIFixture()
        let old = f.key(f.acme, .test), start = f.clock.now()
        #expect(await f.call(.post, "/v1/wl/test-clock", token: old, json: "{}").status == 201)
        let rotated = await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":7200}"#)
        let new = try #require(rotated.json["secret"]?.string)
        let advanced = await f.call(.post, "/v1/wl/test-clock/advance", token: new, json: #"{"to":"\#(Self.time(start + .seconds(3 * 3600)))"}"#)
        #expect(advanced.json["advance"]?["events_by_type"]?["api_key.expiring"] == 1)
        #expect(advanced.json["advance"]?["work"]?["api_key_notices"] == 1)
        #expect(await f.call(.get, "/v1/wl/me", token: old).status == 401, "two simulated hours later the old key is gone")
        #expect(await f.call(.get, "/v1/wl/me", token: new).status == 200)
        #expect(await f.call(.get, "/v1/wl/me", token: f.key(f.acme, .live)).status == 200)
    }
}
