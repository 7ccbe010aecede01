import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// The Strategies area's part of the OpenAPI document is the contract: it lists every route, validates as OpenAPI 3.1,
/// and its schemas agree with the server on real bodies, both ways.
@Suite(.databases) struct StrategiesOpenAPITests {
    typealias Fixture = StrategiesRoutesFixture
    typealias Sample = OpenAPIValidator.Sample

    static let operations = [
        "POST /v1/wl/strategies/push": "createStrategyPush",
        "GET /v1/wl/strategy-pushes/{id}": "getStrategyPush",
        "GET /v1/wl/users/{id}/strategies": "listUserStrategies",
        "GET /v1/client/strategies": "listClientStrategies",
        "POST /v1/client/strategies/{id}/deploy": "deployClientStrategy",
        "POST /v1/client/strategies/{id}/pause": "pauseClientStrategy",
        "POST /v1/admin/strategies/{id}/pnl": "reportStrategyPnL",
        "POST /v1/admin/strategies/{id}/risk-breach": "reportStrategyRiskBreach",
    ]

    @Test func document_describesEveryStrategiesRouteAndEvent() async throws {
        try await Fixture.with { f in
            let document = await f.gateway.handle(.make(.get, "/v1/openapi.json")).json
            var documented = [String: String]()
            if case .object(let paths)? = document["paths"] {
                for (path, item) in paths {
                    guard case .object(let operations) = item else { continue }
                    for (method, operation) in operations { documented["\(method.uppercased()) \(path)"] = operation["operationId"]?.string }
                }
            }
            #expect(Set(documented.keys) == Set(f.gateway.endpoints.map { "\($0.method) \($0.path.openAPIPath)" }))
            for (route, id) in Self.operations { #expect(documented[route] == id, "\(route)") }

            #expect(document["webhooks"]?["strategy.deployed"]?["post"]?["operationId"] == "webhookStrategyDeployed")
            #expect(document["webhooks"]?["strategy.paused"]?["post"]?["operationId"] == "webhookStrategyPaused")
            let paths = document["paths"]
            #expect(paths?["/v1/client/strategies/{id}/pause"]?["post"]?["requestBody"]?["required"] == false)
            #expect(paths?["/v1/wl/strategies/push"]?["post"]?["requestBody"]?["required"] == true)
            #expect(paths?["/v1/wl/strategies/push"]?["post"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]
                == ["$ref": "#/components/schemas/PushPreview"])
            #expect(paths?["/v1/admin/strategies/{id}/pnl"]?["post"]?["security"] == [["adminToken": []]])
        }
    }

    @Test func document_isAValidOpenAPI31Document() async throws {
        try await Fixture.with { f in
            let document = await f.gateway.handle(.make(.get, "/v1/openapi.json")).json
            let (valid, output) = try await OpenAPIValidator.validate(document)
            #expect(valid, "\(output)")
        }
    }

    /// Every kind of body the area sends is valid against its schema, every request body the server accepts is
    /// valid against the request schema, and every body it refuses for its shape is invalid against it.
    @Test func schemas_agreeWithTheServer() async throws {
        try await Fixture.with { f in
            let (responses, strategyID) = try await Self.responses(f)
            var samples = responses
            for request in Self.requests(f, strategyID: strategyID) {
                let response = await f.call(.post, request.path, as: request.token, json: request.sample.instance)
                #expect((200..<300).contains(response.status) == request.sample.valid, "\(request.sample.instance): \(response.text)")
                samples.append(request.sample)
            }
            let document = await f.gateway.handle(.make(.get, "/v1/openapi.json")).json
            let disagreements = try await OpenAPIValidator.disagreements(samples, with: document)
            #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        }
    }

    /// One of each response body, taken from the whole life of a strategy of Alice's, whose id comes back too.
    static func responses(_ f: Fixture) async throws -> ([Sample], String) {
        var samples = [Sample]()
        func sample(_ schema: String, _ response: HTTPResponse) {
            samples.append(Sample(schema: schema, instance: response.json))
        }
        func strategies(_ response: HTTPResponse) {
            sample("StrategyList", response)
            guard case .array(let items)? = response.json["data"] else { return }
            samples += items.map { Sample(schema: "Strategy", instance: $0) }
        }
        let push = { (template: String, dryRun: Bool) in
            await f.call(.post, "/v1/wl/strategies/push", as: Fixture.acmeKey, json: [
                "target": ["plan_id": .string(Fixture.plan)], "template": .string("---\nname: \(template)\ninstruments: [NIFTY]\n---\n"),
                "dry_run": .bool(dryRun),
            ])
        }

        sample("PushPreview", await push("Preview", true))
        let pushed = await push("Nifty", false)
        sample("Push", pushed)
        sample("Push", await f.call(.get, "/v1/wl/strategy-pushes/\(pushed.json["id"]?.string ?? "")", as: Fixture.acmeKey))
        strategies(await f.call(.get, "/v1/wl/users/\(f.bob)/strategies", as: Fixture.acmeKey))

        let id = try #require(Self.strategyIDs(await f.call(.get, "/v1/client/strategies", as: Fixture.token(f.alice))).first)
        sample("Strategy", await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: Fixture.token(f.alice), json: ["mode": "live"]))
        sample("PnLUpdateResult", await f.call(.post, "/v1/admin/strategies/\(id)/pnl", as: Fixture.adminToken, json: [
            "realized_paise": -125_000, "unrealized_paise": 4_000, "as_of": "2026-11-25T10:15:00Z",
        ]))
        _ = await push("Nifty v2", false)
        strategies(await f.call(.get, "/v1/client/strategies", as: Fixture.token(f.alice)))
        sample("Strategy", await f.call(.post, "/v1/admin/strategies/\(id)/risk-breach", as: Fixture.adminToken))
        sample("Problem", await f.call(.post, "/v1/client/strategies/\(id)/deploy", as: Fixture.token(f.alice), body: "{"))

        let events = try await f.webhookBodies()
        #expect(events.map { $0["type"] } == ["strategy.deployed", "strategy.paused"])
        samples += events.map { Sample(schema: $0["type"] == "strategy.deployed" ? "StrategyDeployedEvent" : "StrategyPausedEvent", instance: $0) }
        return (samples, id)
    }

    /// Request bodies and whether the server accepts them (when it refuses, it is for their shape alone), sent in this
    /// order for Alice's one strategy, which ``responses(_:)`` left paused.
    static func requests(_ f: Fixture, strategyID: String) -> [(path: String, token: String, sample: Sample)] {
        let fullTemplate: JSONValue = [
            "name": "Full", "summary": nil, "body": "# Full", "instruments": ["nifty", "NSE:RELIANCE"],
            "parameters": ["fast": 9, "band": 1.5, "trail": true, "session": "09:20-15:10"],
            "risk": ["max_daily_loss_paise": 250_000, "max_open_positions": 1000], "capital_required_paise": 0,
        ]
        func template(_ changes: [String: JSONValue]) -> JSONValue {
            guard case .object(let members) = fullTemplate else { return fullTemplate }
            return .object(members.merging(changes) { _, new in new })
        }
        func push(_ changes: [String: JSONValue], valid: Bool = true) -> (String, String, Sample) {
            let body: [String: JSONValue] = ["target": ["user_id": .string(f.alice)], "template": fullTemplate, "dry_run": true]
            return ("/v1/wl/strategies/push", Fixture.acmeKey,
                    Sample(schema: "PushRequest", instance: .object(body.merging(changes) { _, new in new }), valid: valid))
        }
        func strategy(_ path: String, as token: String, _ schema: String, _ body: JSONValue, valid: Bool = true) -> (String, String, Sample) {
            ("/v1/\(path.replacingOccurrences(of: ":id", with: strategyID))", token, Sample(schema: schema, instance: body, valid: valid))
        }
        let alice = Fixture.token(f.alice), admin = Fixture.adminToken, asOf: JSONValue = "2026-11-26T10:15:00.5+05:30"
        return [
            push([:]),
            push(["template": "---\nname: Markdown\ninstruments: [NIFTY]\n---\n", "template_id": nil]),
            push(["target": ["plan_id": .string(Fixture.plan)], "template": template(["parameters": nil, "risk": nil, "summary": "S"])]),
            push(["target": ["plan_id": .string(Fixture.plan), "user_id": .string(f.alice)]], valid: false),
            push(["target": ["user_id": nil]], valid: false),
            push(["template": 42], valid: false),
            push(["template": template(["colour": "red"])], valid: false),
            push(["template": template(["instruments": []])], valid: false),
            push(["template": template(["instruments": ["NIFTY", "NIFTY"]])], valid: false),
            push(["template": template(["parameters": ["1fast": 9]])], valid: false),
            push(["template": template(["parameters": ["fast": [9]]])], valid: false),
            push(["template": template(["risk": ["max_open_positions": 1001]])], valid: false),
            push(["template": template(["risk": ["stop": 1]])], valid: false),
            push(["template": template(["capital_required_paise": -1])], valid: false),
            push(["dry_run": "yes"], valid: false),
            push(["extra": true], valid: false),
            strategy("client/strategies/:id/deploy", as: alice, "DeployRequest", ["mode": "paper"]),
            strategy("client/strategies/:id/deploy", as: alice, "DeployRequest", ["mode": "moon"], valid: false),
            strategy("client/strategies/:id/pause", as: alice, "PauseRequest", [:]),
            strategy("client/strategies/:id/pause", as: alice, "PauseRequest", ["now": true], valid: false),
            strategy("admin/strategies/:id/pnl", as: admin, "PnLUpdate", [
                "realized_paise": .number(String(Int64.min)), "unrealized_paise": .number(String(Int64.max)), "as_of": asOf,
            ]),
            strategy("admin/strategies/:id/pnl", as: admin, "PnLUpdate",
                     ["realized_paise": 1, "unrealized_paise": .number("9223372036854775808"), "as_of": asOf], valid: false),
            strategy("admin/strategies/:id/pnl", as: admin, "PnLUpdate",
                     ["realized_paise": 1.5, "unrealized_paise": 1, "as_of": asOf], valid: false),
            strategy("admin/strategies/:id/pnl", as: admin, "PnLUpdate",
                     ["realized_paise": 1, "unrealized_paise": 1, "as_of": "2026-11-25 10:15"], valid: false),
            strategy("admin/strategies/:id/pnl", as: admin, "PnLUpdate", ["realized_paise": 1, "unrealized_paise": 1], valid: false),
            strategy("admin/strategies/:id/risk-breach", as: admin, "RiskBreach", ["reason": nil]),
            strategy("admin/strategies/:id/risk-breach", as: admin, "RiskBreach", ["reason": .string(String(repeating: "é", count: 500))]),
            strategy("admin/strategies/:id/risk-breach", as: admin, "RiskBreach",
                     ["reason": .string(String(repeating: "x", count: 501))], valid: false),
            strategy("admin/strategies/:id/risk-breach", as: admin, "RiskBreach", ["cause": "loss"], valid: false),
        ]
    }

    static func strategyIDs(_ response: HTTPResponse) -> [String] {
        guard case .array(let items)? = response.json["data"] else { return [] }
        return items.compactMap { $0["id"]?.string }
    }
}
