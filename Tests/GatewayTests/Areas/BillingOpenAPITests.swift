import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// The Billing area's part of the OpenAPI document: every route and webhook is in it, the document validates, and
/// real responses, request verdicts and webhook bodies match it.
@Suite(.databases) struct BillingOpenAPITests {
    typealias Fixture = BillingRoutesFixture

    @Test func document_listsEveryBillingRoute_withItsOperationAndCredentials() async throws {
        let f = try await Fixture()
        let doc = await f.get("/v1/openapi.json").json
        let routes = Routes.billing(f.billing)
        #expect(Set(routes.map { "\($0.endpoint.method) \($0.endpoint.path)" }) == [
            "GET /v1/wl/wallet", "PATCH /v1/wl/wallet", "GET /v1/wl/usage", "GET /v1/wl/inbox", "POST /v1/wl/inbox/:id/read",
            "POST /v1/admin/operators/:id/wallet/credits", "POST /v1/admin/billing/rollups",
        ])
        for route in routes {
            let operation = doc["paths"]?[route.endpoint.path.openAPIPath]?[route.endpoint.method.rawValue.lowercased()]
            #expect(operation?["operationId"] == .string(route.endpoint.operation.id), "\(route.endpoint.path)")
            let scheme = route.endpoint.path.description.hasPrefix("/v1/admin/") ? "adminToken" : "operatorKey"
            #expect(operation?["security"] == .array([.object([scheme: []])]), "\(route.endpoint.path)")
        }
        for (event, schema) in [("usage.daily", "UsageDailyEvent"), ("wallet.low_balance", "WalletLowBalanceEvent")] {
            #expect(doc["webhooks"]?[event]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
                == ["$ref": .string("#/components/schemas/\(schema)")])
        }
        let schemas = doc["components"]?["schemas"]
        for name in ["Wallet", "WalletEntry", "WalletUpdate", "UsageReport", "UsageLine", "UsageTotals", "UsageRollup", "UsageDaily",
                     "InboxItem", "InboxItemList", "WalletLowBalance", "CreditRequest", "RollupRequest"] {
            #expect(schemas?[name] != nil, "missing schema \(name)")
        }
        for body in ["WalletUpdate", "CreditRequest", "RollupRequest"] {
            #expect(schemas?[body]?["additionalProperties"] == false, "\(body) must refuse unknown fields")
        }
        let usage = doc["paths"]?["/v1/wl/usage"]?["get"]?["parameters"]
        #expect(usage?[0] == ["name": "from", "in": "query", "description": "The first usage day.", "required": true,
                              "schema": ["type": "string", "format": "date"]])
        #expect(usage?[5]?["schema"]?["enum"] == ["day", "plan", "broker", "user"])
        await f.stop()
    }

    /// A tour of every operation, answered and refused, plus the webhook bodies, checked by the reference tools.
    @Test func document_validates_andRealTrafficMatchesIt() async throws {
        let f = try await Fixture()
        var traffic = [OpenAPIConformance.Exchange]()
        func call(_ operation: String, _ method: HTTPMethod, _ target: String, _ body: String? = nil,
                  key: Fixture.Key = .acmeLive) async -> HTTPResponse {
            let response = await f.send(method, target, body, key: key)
            traffic.append(.init(operation: operation, status: response.status, contentType: response.headers["Content-Type"],
                                 body: response.text, request: body))
            return response
        }
        let credits = "/v1/admin/operators/\(Fixture.acme)/wallet/credits"

        _ = await call("createWalletCredit", .post, credits, #"{"amount_paise": 10000, "reference": "pay_1"}"#, key: .admin)
        _ = await call("createWalletCredit", .post, credits, #"{"amount_paise": 10000, "reference": "pay_1", "mode": null}"#, key: .admin)
        _ = await call("createWalletCredit", .post, credits, #"{"amount_paise": 5, "reference": "pay_1"}"#, key: .admin)
        _ = await call("createWalletCredit", .post, credits, #"{"amount_paise": 1, "reference": "\#(String(repeating: "~", count: 255))"}"#, key: .admin)
        _ = await call("createWalletCredit", .post, "/v1/admin/operators/op_nobody/wallet/credits", #"{"amount_paise": 5, "reference": "x"}"#, key: .admin)
        for (body, _, _) in BillingRoutesTests.badCredits {
            _ = await call("createWalletCredit", .post, credits, body, key: .admin)
        }
        _ = await call("updateWallet", .patch, "/v1/wl/wallet", #"{"alert_whatsapp_number": "+919876543210", "low_balance_threshold_days": 7}"#)
        _ = await call("updateWallet", .patch, "/v1/wl/wallet", #"{"alert_whatsapp_number": null}"#)
        for (body, _, _) in BillingRoutesTests.badWalletUpdates {
            _ = await call("updateWallet", .patch, "/v1/wl/wallet", body)
        }

        try await f.deploy("stg_1")
        try await f.deploy("stg_2", plan: "plan_pro", broker: "upstox", mode: .test)
        _ = await call("createWalletCredit", .post, credits, #"{"amount_paise": 100000, "reference": "pay_2"}"#, key: .admin)
        _ = await call("updateWallet", .patch, "/v1/wl/wallet", #"{"low_balance_threshold_days": 80}"#)
        _ = await call("getWallet", .get, "/v1/wl/wallet")
        _ = await call("getWallet", .get, "/v1/wl/wallet", key: .acmeTest)

        let inbox = await call("listInboxItems", .get, "/v1/wl/inbox?limit=1")
        let id = try #require(inbox.json["data"]?[0]?["id"]?.string)
        _ = await call("listInboxItems", .get, "/v1/wl/inbox?starting_after=\(id)")
        _ = await call("listInboxItems", .get, "/v1/wl/inbox?limit=0")
        _ = await call("markInboxItemRead", .post, "/v1/wl/inbox/\(id)/read")
        _ = await call("markInboxItemRead", .post, "/v1/wl/inbox/\(id)/read", key: .globexLive)

        f.at("2026-11-20 18:30")
        _ = await call("createUsageRollups", .post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20", "operator_id": null, "mode": null}"#, key: .admin)
        _ = await call("createUsageRollups", .post, "/v1/admin/billing/rollups", #"{"date": "2026-11-21"}"#, key: .admin)
        _ = await call("createUsageRollups", .post, "/v1/admin/billing/rollups", #"{"date": "2026-11-20", "operator_id": "op_nobody"}"#, key: .admin)
        for (body, _, _) in BillingRoutesTests.badRollups {
            _ = await call("createUsageRollups", .post, "/v1/admin/billing/rollups", body, key: .admin)
        }
        for groupBy in ["day", "plan", "broker", "user"] {
            _ = await call("getUsage", .get, "/v1/wl/usage?from=2026-11-01&to=2026-11-30&group_by=\(groupBy)")
        }
        for (query, _) in BillingRoutesTests.badUsageQueries {
            _ = await call("getUsage", .get, "/v1/wl/usage?\(query)")
        }
        let anonymous = await f.gateway.handle(.make(.get, "/v1/wl/wallet"))
        traffic.append(.init(operation: "getWallet", status: anonymous.status, contentType: anonymous.headers["Content-Type"],
                             body: anonymous.text, request: nil))

        for type in [WebhookEventType.usageDaily, .walletLowBalance] {
            let delivered = try await f.webhookBodies(type.rawValue)
            #expect(!delivered.isEmpty, "the tour raised \(type.rawValue)")
            let sample = EventEnvelope.json(id: "evt_sample", type: type.rawValue, occurredAt: f.clock.now(), livemode: false, sequence: 0,
                                            data: SampleEvents.data(for: type), apiVersion: APIVersion.current, test: true)
            traffic += (delivered + [sample]).map { .init(operation: "webhook:\(type.rawValue)", status: 0, contentType: nil, body: $0, request: nil) }
        }

        let statuses = Set(traffic.map { "\($0.operation) \($0.status)" })
        #expect(statuses.isSuperset(of: [
            "createWalletCredit 201", "createWalletCredit 200", "createWalletCredit 409", "createWalletCredit 404", "createWalletCredit 422",
            "createWalletCredit 400", "updateWallet 200", "updateWallet 422", "updateWallet 400", "getWallet 200", "getWallet 401",
            "listInboxItems 200", "listInboxItems 400", "markInboxItemRead 200", "markInboxItemRead 404", "createUsageRollups 200",
            "createUsageRollups 409", "createUsageRollups 404", "createUsageRollups 422", "getUsage 200", "getUsage 400",
        ]))
        let document = await f.get("/v1/openapi.json").body
        let report = try await OpenAPIConformance.check(document: document, exchanges: traffic)
        #expect(report == nil, "\(report ?? "")")
        await f.stop()
    }
}
