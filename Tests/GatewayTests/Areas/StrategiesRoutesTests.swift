import Accounts
import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Strategies
import Testing
import TestSupport

@Suite(.databases) struct StrategiesRoutesTests {
    typealias Fixture = StrategiesRoutesFixture
    static let push = "/v1/wl/strategies/push"
    static let markdown = JSONValue.string("---\nname: Nifty momentum\ninstruments: [NIFTY]\n---\n\n# Nifty momentum\n")

    /// The `index`th item of a list body's `data`.
    static func item(_ list: JSONValue, _ index: Int) -> JSONValue? {
        guard case .array(let items)? = list["data"], items.indices.contains(index) else { return nil }
        return items[index]
    }

    // MARK: Operator API: pushes

    @Test func push_markdownToAUser_answers202WithTheCompletedPush_andGivesThemADraft() async throws {
        try await Fixture.with { f in
            let response = await f.call(.post, Self.push, as: Fixture.acmeKey, json: ["target": ["user_id": .string(f.alice)], "template": Self.markdown])

            #expect(response.status == 202)
            let push = response.json
            #expect(push["object"] == "push")
            #expect(push["id"]?.string?.hasPrefix("psh_") == true)
            #expect(push["status"] == "completed")
            #expect(push["target"] == ["type": "user", "id": .string(f.alice)])
            #expect(push["template_version"] == 1)
            #expect(push["recipients"] == 1)
            #expect(push["done"] == 1)
            let list = await f.call(.get, "/v1/wl/users/\(f.alice)/strategies", as: Fixture.acmeKey).json
            #expect(list["data"]?.arrayCount == 1)
            #expect(Self.item(list, 0)?["status"] == "draft")
            #expect(Self.item(list, 0)?["name"] == "Nifty momentum")
        }
    }

    @Test func push_jsonTemplateToAPlan_reachesEveryActiveClientOnIt_withNumbersKeptExact() async throws {
        try await Fixture.with { f in
            let body = #"""
                {"target": {"plan_id": "plan_gold"}, "template": {"name": "Bank breakout", "instruments": ["banknifty"],
                 "parameters": {"band": 1.25e0}, "risk": {"max_open_positions": 3}, "capital_required_paise": 9007199254740993}}
                """#
            let response = await f.call(.post, Self.push, as: Fixture.acmeKey, body: body)

            #expect(response.status == 202, "\(response.text)")
            #expect(response.json["target"] == ["type": "plan", "id": "plan_gold"])
            #expect(response.json["recipients"] == 2)
            let bob = try await f.strategies.listClientStrategies(Fixture.acme, userID: f.bob)
            #expect(bob.data.map(\.name) == ["Bank breakout"])
        }
    }

    @Test func push_dryRun_answers200WithTheRecipientCount_andChangesNothing() async throws {
        try await Fixture.with { f in
            let response = await f.call(.post, Self.push, as: Fixture.acmeKey, json: [
                "target": ["plan_id": .string(Fixture.plan)], "template": Self.markdown, "dry_run": true,
            ])

            #expect(response.status == 200)
            #expect(response.json["id"] == .null)
            #expect(response.json["template_id"] == .null)
            #expect(response.json["status"] == "dry_run")
            #expect(response.json["recipients"] == 2)
            let alice = try await f.strategies.listClientStrategies(Fixture.acme, userID: f.alice)
            #expect(alice.data.isEmpty)
        }
    }

    /// Bodies refused by their shape, before the domain sees them.
    @Test(arguments: [
        (#"{"target": {"user_id": "usr_x"}, "template": "x""#, 400, "invalid_json", [String]()),
        (#"{"target": {"plan_id": "plan_gold"}, "template": "x", "colour": "red"}"#, 422, "validation_failed", ["colour"]),
        (#"{"target": {"plan_id": "plan_gold", "tier": 1}, "template": "x"}"#, 422, "validation_failed", ["target.tier"]),
        (#"{"target": {"plan_id": "plan_gold"}, "template": "x", "dry_run": "yes"}"#, 422, "validation_failed", ["dry_run"]),
        (#"{"target": {"plan_id": "plan_gold"}}"#, 422, "validation_failed", ["template"]),
        (#"{"target": {"plan_id": "plan_gold"}, "template": 42}"#, 422, "validation_failed", ["template"]),
        (#"{"target": {"plan_id": "plan_gold", "user_id": "usr_x"}, "template": "x"}"#, 422, "validation_failed", ["target"]),
        (#"{"target": {}, "template": "x"}"#, 422, "validation_failed", ["target"]),
        (#"{"target": {"plan_id": "plan_gold", "user_id": null}, "template": "x"}"#, 422, "validation_failed", ["target.user_id"]),
        (#"{"target": "plan_gold", "template": "x"}"#, 422, "validation_failed", ["target"]),
    ])
    func push_malformedBody_isRefusedNamingTheField(body: String, status: Int, code: String, fields: [String]) async throws {
        try await Fixture.with { f in
            let response = await f.call(.post, Self.push, as: Fixture.acmeKey, body: body)
            #expect(response.status == status)
            #expect(response.json["code"] == .string(code))
            #expect(response.errorFields == fields)
        }
    }

    @Test func push_invalidTemplate_namesEachFieldAtItsPathInTheRequest() async throws {
        try await Fixture.with { f in
            let json = await f.call(.post, Self.push, as: Fixture.acmeKey, body: #"""
                {"target": {"user_id": "\#(f.alice)"}, "template": {"name": "X", "instruments": [], "risk": {"max_open_positions": 0}}}
                """#)
            let markdown = await f.call(.post, Self.push, as: Fixture.acmeKey, json: ["target": ["user_id": .string(f.alice)], "template": "no front matter"])

            #expect(json.status == 422)
            #expect(json.json["code"] == "invalid_template")
            #expect(json.errorFields == ["template.instruments", "template.risk.max_open_positions"])
            #expect(markdown.status == 422)
            #expect(markdown.errorFields == ["template"])
        }
    }

    @Test func push_invalidTemplate_detailNamesTheFieldOnce() async throws {
        try await Fixture.with { f in
            let markdown = await f.call(.post, Self.push, as: Fixture.acmeKey, json: [
                "target": ["user_id": .string(f.alice)], "template": "---\nname: X\ninstruments: [NIFTY]\nmax_open_positions: many\n---\n",
            ])
            let tooBig = await f.call(.post, Self.push, as: Fixture.acmeKey, json: [
                "target": ["user_id": .string(f.alice)], "template": .string(String(repeating: "x", count: TemplateModel.maximumBytes + 1)),
            ])

            #expect(markdown.json["detail"] == "The template is invalid: line 4: max_open_positions must be an integer.")
            #expect(tooBig.json["detail"] == .string("The template must be at most \(TemplateModel.maximumBytes) bytes."))
        }
    }

    @Test func push_templateOver64KiB_isRefused_inEitherFormat() async throws {
        try await Fixture.with { f in
            let body = String(repeating: "x", count: TemplateModel.maximumBytes)
            let asObject = await f.call(.post, Self.push, as: Fixture.acmeKey, json: [
                "target": ["user_id": .string(f.alice)], "template": ["name": "Big", "instruments": ["NIFTY"], "body": .string(body)],
            ])
            let asMarkdown = await f.call(.post, Self.push, as: Fixture.acmeKey, json: [
                "target": ["user_id": .string(f.alice)], "template": .string("---\nname: Big\ninstruments: [NIFTY]\n---\n" + body),
            ])

            for response in [asObject, asMarkdown] {
                #expect(response.status == 422)
                #expect(response.json["code"] == "invalid_template")
                #expect(response.errorFields == ["template"])
            }
        }
    }

    @Test func push_toSomethingUnknownOrDeleted_isRefusedNamingIt() async throws {
        try await Fixture.with { f in
            let dave = Identifier.make("usr")
            try await f.addClient(dave)
            try await f.publish(AccountsEvent.userDeleted, Fixture.acme, UserLifecyclePayload.mock(userID: dave))
            func push(_ target: JSONValue, templateID: JSONValue = nil) async -> HTTPResponse {
                await f.call(.post, Self.push, as: Fixture.acmeKey, json: ["target": target, "template": Self.markdown, "template_id": templateID])
            }

            let rivalsClient = await push(["user_id": .string(f.rita)])
            #expect(rivalsClient.status == 404)
            #expect(rivalsClient.json["code"] == "user_not_found")
            #expect(rivalsClient.errorFields == ["target.user_id"])
            let plan = await push(["plan_id": "plan_nope"])
            #expect(plan.status == 404 && plan.json["code"] == "plan_not_found")
            #expect(plan.errorFields == ["target.plan_id"])
            let template = await push(["user_id": .string(f.alice)], templateID: "tpl_nope")
            #expect(template.json["code"] == "template_not_found")
            #expect(template.errorFields == ["template_id"])
            let deleted = await push(["user_id": .string(dave)])
            #expect(deleted.status == 409)
            #expect(deleted.json["code"] == "user_deleted")
        }
    }

    @Test func getPush_answersItsProgress_andOnly404sForOthers() async throws {
        try await Fixture.with { f in
            let pushed = await f.call(.post, Self.push, as: Fixture.acmeKey, json: ["target": ["user_id": .string(f.alice)], "template": Self.markdown]).json
            let id = try #require(pushed["id"]?.string)

            let found = await f.call(.get, "/v1/wl/strategy-pushes/\(id)", as: Fixture.acmeKey)
            #expect(found.status == 200)
            #expect(found.json == pushed)
            for (path, token) in [(id, Fixture.rivalKey), ("psh_nope", Fixture.acmeKey), (Identifier.make("psh"), Fixture.acmeKey), (f.alice, Fixture.acmeKey)] {
                let response = await f.call(.get, "/v1/wl/strategy-pushes/\(path)", as: token)
                #expect(response.status == 404)
                #expect(response.json["code"] == "resource_missing")
            }
        }
    }

    // MARK: Operator API: a client's strategies

    @Test func listUserStrategies_pagesNewestFirst() async throws {
        try await Fixture.with { f in
            let oldest = try await f.pushToAlice("One")
            try await f.pushToAlice("Two")
            let newest = try await f.pushToAlice("Three")
            let path = "/v1/wl/users/\(f.alice)/strategies"

            let first = await f.call(.get, path + "?limit=2", as: Fixture.acmeKey).json
            #expect(first["object"] == "list")
            #expect(first["has_more"] == true)
            #expect(first["data"]?.arrayCount == 2)
            #expect(Self.item(first, 0)?["id"] == .string(newest))
            let second = await f.call(.get, path + "?limit=2&starting_after=\(Self.item(first, 1)?["id"]?.string ?? "")", as: Fixture.acmeKey).json
            #expect(second["has_more"] == false)
            #expect(second["data"]?.arrayCount == 1)
            #expect(Self.item(second, 0)?["id"] == .string(oldest))
        }
    }

    @Test func listUserStrategies_badParametersAndOtherTenantsClients_areRefused() async throws {
        try await Fixture.with { f in
            let path = "/v1/wl/users/\(f.alice)/strategies"
            for query in ["?limit=0", "?limit=101", "?limit=ten"] {
                let response = await f.call(.get, path + query, as: Fixture.acmeKey)
                #expect(response.status == 400)
                #expect(response.json["code"] == "invalid_parameter")
            }
            let cursor = await f.call(.get, path + "?starting_after=stg_nope", as: Fixture.acmeKey)
            #expect(cursor.status == 404)
            #expect(cursor.errorFields == ["starting_after"])
            for (user, token) in [(f.alice, Fixture.rivalKey), (Identifier.make("usr"), Fixture.acmeKey), ("plan_gold", Fixture.acmeKey)] {
                #expect(await f.call(.get, "/v1/wl/users/\(user)/strategies", as: token).status == 404)
            }
        }
    }

    // MARK: Client app API

    @Test func clientStrategies_listOnlyTheSignedInClientsOwn() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()

            let alice = await f.call(.get, "/v1/client/strategies", as: Fixture.token(f.alice))
            #expect(alice.status == 200)
            #expect(Self.item(alice.json, 0)?["id"] == .string(id))
            #expect(Self.item(alice.json, 0)?["broker"] == ["name": "zerodha", "status": "connected", "client_code_masked": "••••4821"])
            #expect(alice.json["has_more"] == false)
            #expect(await f.call(.get, "/v1/client/strategies", as: Fixture.token(f.bob)).json["data"] == [])
            #expect(await f.call(.get, "/v1/client/strategies", as: Fixture.acmeKey).status == 401)
        }
    }

    @Test func deploy_movesTheStrategyThroughItsLifecycle() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            let alice = Fixture.token(f.alice)

            let paper = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: alice, json: ["mode": "paper"])
            #expect(paper.status == 200)
            #expect(paper.json["status"] == "paper")
            let live = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: alice, json: ["mode": "live"])
            #expect(live.json["status"] == "live")
            #expect(live.json["mode"] == "live")
            let backToPaper = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: alice, json: ["mode": "paper"])
            #expect(backToPaper.status == 409)
            #expect(backToPaper.json["code"] == "invalid_transition")
        }
    }

    @Test func deploy_live_withoutABroker_is409() async throws {
        try await Fixture.with { f in
            _ = await f.call(.post, Self.push, as: Fixture.acmeKey, json: ["target": ["plan_id": .string(Fixture.plan)], "template": Self.markdown])
            let id = try #require(try await f.strategies.listClientStrategies(Fixture.acme, userID: f.bob).data.first?.id)

            let response = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: Fixture.token(f.bob), json: ["mode": "live"])
            #expect(response.status == 409)
            #expect(response.json["code"] == "broker_not_connected")
        }
    }

    @Test(arguments: [
        (nil, 400, "invalid_json", [String]()),
        (#"{"mode": "moon"}"#, 422, "validation_failed", ["mode"]),
        (#"{"mode": 1}"#, 422, "validation_failed", ["mode"]),
        (#"{"mod": "live"}"#, 422, "validation_failed", ["mod", "mode"]),
    ])
    func deploy_malformedBody_isRefusedNamingTheField(body: String?, status: Int, code: String, fields: [String]) async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            let response = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: Fixture.token(f.alice), body: body)
            #expect(response.status == status)
            #expect(response.json["code"] == .string(code))
            #expect(response.errorFields == fields)
        }
    }

    @Test func deploy_someoneElsesOrAMalformedOrAnUnknownId_is404() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            for (strategy, token) in [(id, Fixture.token(f.bob)), (id, Fixture.token(f.rita)), ("stg_1", Fixture.token(f.alice)),
                                      (Identifier.make("stg"), Fixture.token(f.alice)), (f.alice, Fixture.token(f.alice))] {
                let response = await f.call(.post, "/v1/client/strategies/\(strategy)/deploy", as: token, json: ["mode": "paper"])
                #expect(response.status == 404)
                #expect(response.json["code"] == "resource_missing")
            }
        }
    }

    @Test func pause_takesNoBodyOrAnEmptyObject_andRefusesADraftOrFields() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            let alice = Fixture.token(f.alice), path = "/v1/client/strategies/\(id)/pause"

            let draft = await f.call(.post, path, as: alice)
            #expect(draft.status == 409)
            #expect(draft.json["code"] == "invalid_transition")
            _ = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: alice, json: ["mode": "live"])
            let withField = await f.call(.post, path, as: alice, body: #"{"reason": "lunch"}"#)
            #expect(withField.status == 422)
            #expect(withField.errorFields == ["reason"])
            let paused = await f.call(.post, path, as: alice, body: "{}")
            #expect(paused.status == 200)
            #expect(paused.json["status"] == "paused")
            #expect(paused.json["pause_reason"] == "client_paused")
            #expect(await f.call(.post, path, as: alice).json["status"] == "paused")
        }
    }

    // MARK: Trading engine and admins

    @Test func pnl_appliesNewerReports_andAcknowledgesStaleOnesWithoutApplying() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            let path = "/v1/admin/strategies/\(id)/pnl"

            let newer = await f.call(.post, path, as: Fixture.adminToken, json: [
                "realized_paise": 125_000, "unrealized_paise": -4_000, "as_of": "2026-11-25T10:15:00+05:30",
            ])
            #expect(newer.status == 200)
            #expect(newer.json == ["object": "pnl_update", "strategy_id": .string(id), "applied": true])
            let stale = await f.call(.post, path, as: Fixture.adminToken, json: ["realized_paise": 1, "unrealized_paise": 1, "as_of": "2026-11-25T04:00:00Z"])
            #expect(stale.json["applied"] == false)
            let list = await f.call(.get, "/v1/client/strategies", as: Fixture.token(f.alice)).json
            #expect(Self.item(list, 0)?["pnl"] == [
                "realized_paise": 125_000, "unrealized_paise": -4_000, "currency": "INR", "as_of": "2026-11-25T04:45:00.000Z",
            ])
        }
    }

    @Test func pnl_badReportsAndUnknownStrategies_areRefused() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            let cases: [(String, String, Int, [String])] = [
                (id, #"{"realized_paise": 1, "unrealized_paise": 1, "as_of": "yesterday"}"#, 422, ["as_of"]),
                (id, #"{"realized_paise": 1.5, "unrealized_paise": 1, "as_of": "2026-11-25T10:15:00Z"}"#, 422, ["realized_paise"]),
                (id, #"{"realized_paise": 1, "as_of": "2026-11-25T10:15:00Z"}"#, 422, ["unrealized_paise"]),
                (Identifier.make("stg"), #"{"realized_paise": 1, "unrealized_paise": 1, "as_of": "2026-11-25T10:15:00Z"}"#, 404, []),
            ]
            for (strategy, body, status, fields) in cases {
                let response = await f.call(.post, "/v1/admin/strategies/\(strategy)/pnl", as: Fixture.adminToken, body: body)
                #expect(response.status == status, "\(body)")
                #expect(response.errorFields == fields)
            }
            #expect(await f.call(.post, "/v1/admin/strategies/\(id)/pnl", as: Fixture.acmeKey, body: "{}").status == 401)
        }
    }

    @Test func riskBreach_pausesALiveStrategy_andLogsTheReason() async throws {
        try await Fixture.with { f in
            let id = try await f.pushToAlice()
            _ = await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: Fixture.token(f.alice), json: ["mode": "live"])
            let path = "/v1/admin/strategies/\(id)/risk-breach"

            let tooLong = await f.call(.post, path, as: Fixture.adminToken, json: ["reason": .string(String(repeating: "x", count: 501))])
            #expect(tooLong.status == 422)
            #expect(tooLong.errorFields == ["reason"])
            let breach = await f.call(.post, path, as: Fixture.adminToken, json: ["reason": "daily loss limit"])
            #expect(breach.status == 200)
            #expect(breach.json["status"] == "paused")
            #expect(breach.json["pause_reason"] == "risk_limit")
            let logged = f.log.entries(message: "strategy risk breach reported").first
            #expect(logged?["reason"] == "daily loss limit" && logged?["request_id"] == breach.headers["Request-Id"])
            #expect(await f.call(.post, path, as: Fixture.adminToken).status == 200)
            #expect(await f.call(.post, "/v1/admin/strategies/stg_nope/risk-breach", as: Fixture.adminToken).status == 404)
        }
    }
}
