import APITestSupport
import HTTPServer
import Kernel
import Testing
import TestSupport

/// Every route with an `:id` checks the id's shape before asking its domain: a malformed id is answered exactly like
/// an unknown one (same status, code and wording), so the two cannot be told apart.
@Suite(.databases) struct PathIDTests {
    @Test(arguments: [
        (HTTPMethod.get, "/v1/wl/users/%@", IdentifierPrefix.user),
        (.delete, "/v1/wl/users/%@", .user),
        (.get, "/v1/wl/users/%@/strategies", .user),
        (.get, "/v1/wl/webhook-endpoints/%@", .webhookEndpoint),
        (.delete, "/v1/wl/webhook-endpoints/%@", .webhookEndpoint),
        (.get, "/v1/wl/webhook-deliveries/%@", .webhookDelivery),
        (.post, "/v1/wl/webhook-deliveries/%@/replay", .webhookDelivery),
        (.get, "/v1/wl/events/%@", .event),
        (.post, "/v1/wl/inbox/%@/read", .inboxItem),
        (.get, "/v1/wl/strategy-pushes/%@", .push),
    ])
    func operatorRoute_answersAMalformedIdLikeAnUnknownOne(method: HTTPMethod, template: String, kind: IdentifierPrefix) async throws {
        let api = try await OperatorAPIFixture()
        let key = api.key(api.acme, .live)
        for id in ["nope", Identifier.make(kind)] {
            let response = await api.call(method, template.replacingOccurrences(of: "%@", with: id), token: key)
            #expect(response.status == 404 && response.json["code"] == "resource_missing", "\(method) \(template) with \(id)")
            #expect(response.json["detail"] == .string("No \(kind.noun) with id '\(id)'."))
        }
    }

    @Test func adminRoutes_answerAMalformedOperatorIdLikeAnUnknownOne() async throws {
        let api = try await OperatorAPIFixture()
        for id in ["op_nope", Identifier.make(.operator)] {
            let credit = await api.call(.post, "/v1/admin/operators/\(id)/wallet/credits", token: OperatorAPIFixture.adminToken,
                                        json: #"{"amount_paise": 100, "reference": "pay_1"}"#)
            let update = await api.call(.patch, "/v1/admin/operators/\(id)", token: OperatorAPIFixture.adminToken, json: #"{"name": "X"}"#)
            for response in [credit, update] {
                #expect(response.status == 404 && response.json["detail"] == .string("No operator with id '\(id)'."))
            }
        }
    }
}
