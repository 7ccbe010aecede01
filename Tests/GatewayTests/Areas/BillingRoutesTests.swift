import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// The Billing routes over a real Billing actor: wallet, usage, inbox, admin credits and roll-ups, their refusals,
/// and the isolation of tenants and modes.
@Suite(.databases) struct BillingRoutesTests {
    typealias Fixture = BillingRoutesFixture

    // MARK: - Wallet

    @Test func wallet_showsTheKeysOperatorAndMode_soATestKeySeesOnlyTheSandboxWallet() async throws {
        let f = try await Fixture()
        await f.credit(50_000, reference: "pay_live")
        await f.credit(9_000, reference: "pay_test", mode: .test)

        let live = await f.get("/v1/wl/wallet")
        #expect(live.status == 200)
        #expect(live.json["object"] == "wallet" && live.json["balance_paise"] == 50_000 && live.json["livemode"] == true)
        #expect(live.json["runway_days"] == .null && live.json["alert_whatsapp_number"] == .null && live.json["low_balance_threshold_days"] == 7)
        #expect(live.json["recent_entries"]?.arrayCount == 1 && live.json["recent_entries"]?[0]?["reference"] == "pay_live")

        let sandbox = await f.get("/v1/wl/wallet", key: .acmeTest)
        #expect(sandbox.json["balance_paise"] == 9_000 && sandbox.json["livemode"] == false)
        #expect(sandbox.json["recent_entries"]?[0]?["reference"] == "pay_test")
        #expect(await f.get("/v1/wl/wallet", key: .globexLive).json["balance_paise"] == 0, "another operator's wallet is its own")
        await f.stop()
    }

    @Test func wallet_ofAnOperatorBillingHasNotSeenYet_answers404() async throws {
        let f = try await Fixture()
        for response in [await f.get("/v1/wl/wallet", key: .initechLive), await f.send(.patch, "/v1/wl/wallet", "{}", key: .initechLive)] {
            #expect(response.status == 404 && response.json["code"] == "resource_missing")
        }
        await f.stop()
    }

    @Test func updateWallet_setsThresholdAndNumber_leavesOutFieldsAlone_andNullRemovesTheNumber() async throws {
        let f = try await Fixture()
        let set = await f.send(.patch, "/v1/wl/wallet", #"{"low_balance_threshold_days": 10, "alert_whatsapp_number": "+919876543210"}"#)
        #expect(set.status == 200)
        #expect(set.json["low_balance_threshold_days"] == 10 && set.json["alert_whatsapp_number"] == "+919876543210")

        let unchanged = await f.send(.patch, "/v1/wl/wallet", "{}")
        #expect(unchanged.status == 200 && unchanged.json == set.json)

        let removed = await f.send(.patch, "/v1/wl/wallet", #"{"alert_whatsapp_number": null}"#)
        #expect(removed.json["alert_whatsapp_number"] == .null && removed.json["low_balance_threshold_days"] == 10)
        #expect(await f.get("/v1/wl/wallet", key: .acmeTest).json["low_balance_threshold_days"] == 7, "the sandbox wallet has its own settings")
        await f.stop()
    }

    /// (body, status, the fields named in `errors`)
    static let badWalletUpdates: [(String, Int, [String])] = [
        (#"{"low_balance_threshold_days": 10,}"#, 400, []),
        (#"["low_balance_threshold_days"]"#, 400, []),
        (#"{"colour": "red"}"#, 422, ["colour"]),
        (#"{"low_balance_threshold_days": "10"}"#, 422, ["low_balance_threshold_days"]),
        (#"{"low_balance_threshold_days": null}"#, 422, ["low_balance_threshold_days"]),
        (#"{"low_balance_threshold_days": 366}"#, 422, ["low_balance_threshold_days"]),
        (#"{"low_balance_threshold_days": -1}"#, 422, ["low_balance_threshold_days"]),
        (#"{"alert_whatsapp_number": ""}"#, 422, ["alert_whatsapp_number"]),
        (#"{"alert_whatsapp_number": "9876543210"}"#, 422, ["alert_whatsapp_number"]),
        (#"{"alert_whatsapp_number": "+919876543210\n"}"#, 422, ["alert_whatsapp_number"]),
        (#"{"alert_whatsapp_number": 919876543210}"#, 422, ["alert_whatsapp_number"]),
    ]

    @Test(arguments: badWalletUpdates)
    func updateWallet_refusesABadBody_andChangesNothing(body: String, status: Int, fields: [String]) async throws {
        let f = try await Fixture()
        let before = await f.get("/v1/wl/wallet").json
        let response = await f.send(.patch, "/v1/wl/wallet", body)
        #expect(response.status == status)
        #expect(response.json["code"] == (status == 400 ? "invalid_json" : "validation_failed"))
        #expect(response.errorFields == fields)
        #expect(await f.get("/v1/wl/wallet").json == before)
        await f.stop()
    }

    @Test func updateWallet_refusesABodyThatIsNotJSON_with415() async throws {
        let f = try await Fixture()
        let response = await f.gateway.handle(.make(
            .patch, "/v1/wl/wallet", headers: ["Authorization": "Bearer \(Fixture.Key.acmeLive.rawValue)"], body: "threshold=3",
            contentType: "application/x-www-form-urlencoded"))
        #expect(response.status == 415 && response.json["code"] == "unsupported_media_type")
        await f.stop()
    }

    // MARK: - Admin credits

    @Test func credit_answers201_thenTheSameEntryWith200ForTheSameReference_and409ForAnotherAmount() async throws {
        let f = try await Fixture()
        let created = await f.credit(50_000, reference: "pay_1")
        #expect(created.status == 201)
        #expect(created.json["object"] == "wallet_entry" && created.json["type"] == "credit" && created.json["reason"] == "top_up")
        #expect(created.json["amount_paise"] == 50_000 && created.json["balance_after_paise"] == 50_000 && created.json["livemode"] == true)

        let replayed = await f.credit(50_000, reference: "pay_1")
        #expect(replayed.status == 200 && replayed.json == created.json)

        let reused = await f.credit(60_000, reference: "pay_1")
        #expect(reused.status == 409 && reused.json["code"] == "reference_reused" && reused.json["existing_id"] == created.json["id"])
        #expect(await f.get("/v1/wl/wallet").json["balance_paise"] == 50_000, "money moved once")

        let test = await f.credit(50_000, reference: "pay_1", mode: .test)
        #expect(test.status == 201 && test.json["livemode"] == false, "each mode's wallet has its own references")
        await f.stop()
    }

    @Test func credit_forAnUnknownOperator_answers404() async throws {
        let f = try await Fixture()
        let response = await f.credit(100, reference: "pay_1", operator: "op_nobody")
        #expect(response.status == 404 && response.json["code"] == "resource_missing")
        await f.stop()
    }

    static let badCredits: [(String, Int, [String])] = [
        (#"{"amount_paise": 100, "reference": "pay_1""#, 400, []),
        (#"{"reference": "pay_1"}"#, 422, ["amount_paise"]),
        (#"{"amount_paise": 100}"#, 422, ["reference"]),
        (#"{"amount_paise": "100", "reference": "pay_1"}"#, 422, ["amount_paise"]),
        (#"{"amount_paise": 1.5, "reference": "pay_1"}"#, 422, ["amount_paise"]),
        (#"{"amount_paise": 0, "reference": "pay_1"}"#, 422, ["amount_paise"]),
        (#"{"amount_paise": 10000000001, "reference": "pay_1"}"#, 422, ["amount_paise"]),
        (#"{"amount_paise": 100, "reference": ""}"#, 422, ["reference"]),
        (#"{"amount_paise": 100, "reference": "pay 1"}"#, 422, ["reference"]),
        (#"{"amount_paise": 100, "reference": "pay_é"}"#, 422, ["reference"]),
        (#"{"amount_paise": 100, "reference": "\#(String(repeating: "x", count: 256))"}"#, 422, ["reference"]),
        (#"{"amount_paise": 100, "reference": "pay_1", "mode": "sandbox"}"#, 422, ["mode"]),
        (#"{"amount_paise": 100, "reference": "pay_1", "currency": "INR"}"#, 422, ["currency"]),
    ]

    @Test(arguments: badCredits)
    func credit_refusesABadBody(body: String, status: Int, fields: [String]) async throws {
        let f = try await Fixture()
        let response = await f.send(.post, "/v1/admin/operators/\(Fixture.acme)/wallet/credits", body, key: .admin)
        #expect(response.status == status)
        #expect(response.errorFields == fields)
        #expect(await f.get("/v1/wl/wallet").json["balance_paise"] == 0)
        await f.stop()
    }

    @Test func credit_acceptsALongestReferenceAndANullModeAsLive() async throws {
        let f = try await Fixture()
        let reference = String(repeating: "~", count: 255)
        let response = await f.send(.post, "/v1/admin/operators/\(Fixture.acme)/wallet/credits",
                                    #"{"amount_paise": 10000000000, "reference": "\#(reference)", "mode": null}"#, key: .admin)
        #expect(response.status == 201 && response.json["reference"] == .string(reference) && response.json["livemode"] == true)
        await f.stop()
    }

    // MARK: - Roll-ups and usage

    /// Three strategies live through the usage day 2026-11-20 (two plans, two brokers, two users), rolled up by the
    /// admin route at 18:30 IST.
    func rolledUpDay() async throws -> (Fixture, HTTPResponse) {
        let f = try await Fixture()
        await f.credit(100_000, reference: "pay_1")
        try await f.deploy("stg_1", user: "usr_1", plan: "plan_basic", broker: "zerodha")
        try await f.deploy("stg_2", user: "usr_1", plan: "plan_pro", broker: "upstox")
        try await f.deploy("stg_3", user: "usr_2", plan: "plan_pro", broker: "zerodha")
        f.at("2026-11-20 18:30")
        let rollup = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20", "operator_id": "\#(Fixture.acme)", "mode": "live"}"#, key: .admin)
        return (f, rollup)
    }

    @Test func rollups_chargeAClosedDayOnce_andAnswerTheStoredResultWhenRunAgain() async throws {
        let (f, first) = try await rolledUpDay()
        #expect(first.status == 200 && first.json["object"] == "list" && first.json["has_more"] == false)
        let rollup = try #require(first.json["data"]?[0])
        #expect(first.json["data"]?.arrayCount == 1)
        #expect(rollup["object"] == "usage_rollup" && rollup["date"] == "2026-11-20" && rollup["operator_id"] == .string(Fixture.acme))
        #expect(rollup["strategy_days"] == 3 && rollup["amount_paise"] == 4500 && rollup["wallet_balance_paise"] == 95_500)
        #expect(rollup["window_start"] == "2026-11-19T13:00:00.000Z" && rollup["window_end"] == "2026-11-20T13:00:00.000Z")

        let again = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20", "operator_id": "\#(Fixture.acme)", "mode": "live"}"#, key: .admin)
        #expect(again.status == 200 && again.json == first.json)
        #expect(await f.get("/v1/wl/wallet").json["balance_paise"] == 95_500)

        let everyone = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20"}"#, key: .admin)
        let covered = (everyone.json["data"]?.elements ?? []).map { "\($0["operator_id"]?.string ?? "?")/\($0["livemode"] == true ? "live" : "test")" }
        #expect(covered.sorted() == ["\(Fixture.acme)/live", "\(Fixture.acme)/test", "\(Fixture.globex)/live", "\(Fixture.globex)/test"].sorted())
        await f.stop()
    }

    @Test func rollups_whileTheWindowIsOpen_answer409_andForAnUnknownOperator404() async throws {
        let f = try await Fixture(at: "2026-11-20 18:29")
        let open = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20"}"#, key: .admin)
        #expect(open.status == 409 && open.json["code"] == "window_open")
        let unknown = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-19", "operator_id": "op_nobody"}"#, key: .admin)
        #expect(unknown.status == 404 && unknown.json["code"] == "resource_missing")
        await f.stop()
    }

    static let badRollups: [(String, Int, [String])] = [
        (#"{"date": "2026-11-19""#, 400, []),
        ("{}", 422, ["date"]),
        (#"{"date": "2026-02-30"}"#, 422, ["date"]),
        (#"{"date": "19/11/2026"}"#, 422, ["date"]),
        (#"{"date": 20261119}"#, 422, ["date"]),
        (#"{"date": "2026-11-19", "mode": "both"}"#, 422, ["mode"]),
        (#"{"date": "2026-11-19", "operator": "op_acme"}"#, 422, ["operator"]),
    ]

    @Test(arguments: badRollups)
    func rollups_refuseABadBody(body: String, status: Int, fields: [String]) async throws {
        let f = try await Fixture()
        let response = await f.send(.post, "/v1/admin/billing/rollups", body, key: .admin)
        #expect(response.status == status)
        #expect(response.errorFields == fields)
        await f.stop()
    }

    @Test func usage_reportsTheRolledUpDay_groupedAndFiltered_withTotals() async throws {
        let (f, _) = try await rolledUpDay()
        let range = "from=2026-11-01&to=2026-11-30"
        let byDay = await f.get("/v1/wl/usage?\(range)")
        #expect(byDay.status == 200)
        #expect(byDay.json == [
            "object": "list",
            "data": [["date": "2026-11-20", "strategy_days": 3, "amount_paise": 4500, "currency": "INR"]],
            "totals": ["strategy_days": 3, "amount_paise": 4500],
        ])
        let byPlan = await f.get("/v1/wl/usage?\(range)&group_by=plan")
        #expect(byPlan.json["data"] == [
            ["plan_id": "plan_basic", "strategy_days": 1, "amount_paise": 1500, "currency": "INR"],
            ["plan_id": "plan_pro", "strategy_days": 2, "amount_paise": 3000, "currency": "INR"],
        ])
        let zerodhaByUser = await f.get("/v1/wl/usage?\(range)&broker=zerodha&group_by=user")
        #expect(zerodhaByUser.json["data"]?.arrayCount == 2 && zerodhaByUser.json["totals"] == ["strategy_days": 2, "amount_paise": 3000])
        let oneUser = await f.get("/v1/wl/usage?\(range)&user_id=usr_2&plan_id=plan_pro")
        #expect(oneUser.json["totals"] == ["strategy_days": 1, "amount_paise": 1500])

        #expect(await f.get("/v1/wl/usage?\(range)", key: .acmeTest).json["data"] == [], "test mode has its own usage")
        #expect(await f.get("/v1/wl/usage?\(range)", key: .globexLive).json["data"] == [], "another operator's usage is invisible")
        #expect(await f.get("/v1/wl/usage?from=2026-11-20&to=2027-11-20").status == 200, "366 days, both inclusive, is the longest range")
        await f.stop()
    }

    static let badUsageQueries: [(String, String)] = [
        ("to=2026-11-30", "from"),
        ("from=2026-11-01", "to"),
        ("from=2026-11-31&to=2026-12-01", "from"),
        ("from=20261101&to=2026-11-30", "from"),
        ("from=2026-11-01&to=2026-13-01", "to"),
        ("from=2026-11-30&to=2026-11-01", "to"),
        ("from=2026-11-20&to=2027-11-21", "to"),
        ("from=2026-11-01&to=2026-11-30&group_by=week", "group_by"),
    ]

    @Test(arguments: badUsageQueries)
    func usage_refusesAMissingOrBadParameter_with400NamingIt(query: String, parameter: String) async throws {
        let f = try await Fixture()
        let response = await f.get("/v1/wl/usage?\(query)")
        #expect(response.status == 400)
        #expect(response.json["code"] == "invalid_parameter")
        #expect(response.errorFields == [parameter])
        await f.stop()
    }

    // MARK: - Inbox

    /// Two low-balance alerts in acme's live inbox: the runway falls to 6.6 days under the default 7; a top-up
    /// re-arms the alert (73.3 days); raising the threshold to 80 days is a new crossing.
    func twoAlerts() async throws -> Fixture {
        let f = try await Fixture()
        await f.credit(10_000, reference: "pay_1")
        try await f.deploy("stg_1")
        await f.credit(100_000, reference: "pay_2")
        _ = await f.send(.patch, "/v1/wl/wallet", #"{"low_balance_threshold_days": 80}"#)
        return f
    }

    @Test func inbox_listsNewestFirst_andPagesWithStartingAfter() async throws {
        let f = try await twoAlerts()
        let first = await f.get("/v1/wl/inbox?limit=1")
        #expect(first.status == 200)
        #expect(first.json["object"] == "list" && first.json["has_more"] == true && first.json["unread_count"] == 2)
        let newest = try #require(first.json["data"]?[0])
        #expect(newest["object"] == "inbox_item" && newest["type"] == "wallet.low_balance" && newest["read"] == false)
        #expect(newest["data"] == ["balance_paise": 110_000, "daily_burn_paise": 1500, "runway_days": 73.3, "threshold_days": 80])
        #expect(newest["whatsapp"] == "not_configured" && newest["read_at"] == nil)

        let id = try #require(newest["id"]?.string)
        let second = await f.get("/v1/wl/inbox?limit=1&starting_after=\(id)")
        #expect(second.json["has_more"] == false && second.json["data"]?[0]?["data"]?["threshold_days"] == 7)
        #expect(await f.get("/v1/wl/inbox").json["data"]?.arrayCount == 2)
        #expect(await f.get("/v1/wl/inbox", key: .acmeTest).json["data"] == [], "the sandbox inbox is its own")
        #expect(await f.get("/v1/wl/inbox", key: .globexLive).json["unread_count"] == 0)
        await f.stop()
    }

    @Test(arguments: [("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit")])
    func inbox_refusesABadParameter_with400NamingIt(query: String, parameter: String) async throws {
        let f = try await Fixture()
        let response = await f.get("/v1/wl/inbox?\(query)")
        #expect(response.status == 400 && response.json["code"] == "invalid_parameter")
        #expect(response.errorFields == [parameter])
        await f.stop()
    }

    @Test func inbox_withAnUnknownCursor_is404NamingIt() async throws {
        let f = try await Fixture()
        let response = await f.get("/v1/wl/inbox?starting_after=ntf_nope")
        #expect(response.status == 404 && response.errorFields == ["starting_after"])
        await f.stop()
    }

    @Test func markRead_marksTheItemOnce_andAnotherTenantOrModeGets404() async throws {
        let f = try await twoAlerts()
        let id = try #require(await f.get("/v1/wl/inbox").json["data"]?[0]?["id"]?.string)
        let read = await f.send(.post, "/v1/wl/inbox/\(id)/read")
        #expect(read.status == 200 && read.json["id"] == .string(id) && read.json["read"] == true && read.json["read_at"] != nil)
        f.at("2026-11-20 10:00")
        #expect(await f.send(.post, "/v1/wl/inbox/\(id)/read").json == read.json, "marking it again keeps the first read_at")
        #expect(await f.get("/v1/wl/inbox").json["unread_count"] == 1)

        for (target, key) in [("/v1/wl/inbox/\(id)/read", Fixture.Key.globexLive), ("/v1/wl/inbox/\(id)/read", .acmeTest), ("/v1/wl/inbox/ntf_nope/read", .acmeLive)] {
            let response = await f.send(.post, target, key: key)
            #expect(response.status == 404 && response.json["code"] == "resource_missing")
        }
        await f.stop()
    }

    // MARK: - Credentials

    @Test func routes_acceptOnlyTheirKindOfCredential() async throws {
        let f = try await Fixture()
        #expect(await f.get("/v1/wl/wallet", key: .admin).status == 401)
        #expect(await f.credit(100, reference: "pay_1").status == 201)
        let operatorAsAdmin = await f.send(.post, "/v1/admin/billing/rollups", #"{"date": "2026-11-19"}"#, key: .acmeLive)
        #expect(operatorAsAdmin.status == 401 && operatorAsAdmin.json["code"] == "invalid_credentials")
        #expect(await f.gateway.handle(.make(.get, "/v1/wl/usage?from=2026-11-01&to=2026-11-30")).status == 401)
        await f.stop()
    }
}
