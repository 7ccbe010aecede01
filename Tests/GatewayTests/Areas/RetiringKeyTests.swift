import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

/// A key rotated out with a grace period keeps working for data until it expires, but it cannot take the account
/// over: rotating keys, touching webhook endpoints and their secrets, and changing the operator's settings need the
/// current key (issue 15, finding 2: K0 rotated to K1 with a day's grace, then K0 rotated again with no grace and K1
/// was dead).
@Suite(.databases) struct RetiringKeyTests {
    /// The operator's live key rotated with a day's grace: the old key (retiring) and the new one (current).
    static func rotated(_ f: OperatorAPIFixture) async throws -> (old: String, new: String) {
        let old = f.key(f.acme, .live)
        let rotated = await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":86400}"#)
        #expect(rotated.status == 201)
        return (old, try #require(rotated.json["secret"]?.string))
    }

    static func expectRefused(_ response: HTTPResponse, _ what: Comment) {
        #expect(response.status == 403, what)
        #expect(response.json["code"] == "current_key_required", what)
        #expect(response.headers["Content-Type"] == "application/problem+json", what)
    }

    @Test func aKeyInItsGrace_readsAndWritesData_butCannotRotateTheKeyThatReplacedIt() async throws {
        let f = try await OperatorAPIFixture()
        let (old, new) = try await Self.rotated(f)
        #expect(await f.call(.get, "/v1/wl/users", token: old).status == 200)
        let plan = try await f.defaultPlan(f.acme, .live)
        let created = await f.call(.post, "/v1/wl/users", token: old,
                                   json: #"{"email":"grace@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#)
        #expect(created.status == 201, "data writes go on during the grace")

        Self.expectRefused(await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":0}"#), "the takeover")
        Self.expectRefused(await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"mode":"test","expire_old_in_seconds":0}"#),
                           "nor the other mode's key")
        #expect(await f.call(.get, "/v1/wl/me", token: new).status == 200, "the new key survives")
        #expect(await f.call(.get, "/v1/wl/me", token: f.key(f.acme, .test)).status == 200)
        #expect(await f.call(.post, "/v1/wl/api-keys/rotate", token: new, json: #"{"expire_old_in_seconds":0}"#).status == 201,
                "the current key still rotates")
    }

    @Test func aKeyInItsGrace_cannotTouchWebhookEndpointsOrTheirSecrets_norTheWalletSettings() async throws {
        let f = try await OperatorAPIFixture()
        let endpoint = await f.call(.post, "/v1/wl/webhook-endpoints", token: f.key(f.acme, .live),
                                    json: #"{"url":"https://hooks.example.com/in","events":["user.created"]}"#)
        let id = try #require(endpoint.json["id"]?.string)
        let (old, new) = try await Self.rotated(f)

        Self.expectRefused(await f.call(.post, "/v1/wl/webhook-endpoints", token: old,
                                        json: #"{"url":"https://attacker.example.com/in","events":["user.created"]}"#), "a new endpoint")
        Self.expectRefused(await f.call(.patch, "/v1/wl/webhook-endpoints/\(id)", token: old, json: #"{"url":"https://attacker.example.com/in"}"#),
                           "redirecting one")
        Self.expectRefused(await f.call(.delete, "/v1/wl/webhook-endpoints/\(id)", token: old), "deleting one")
        Self.expectRefused(await f.call(.post, "/v1/wl/webhook-endpoints/\(id)/rotate-secret", token: old, json: #"{"expire_old_in_seconds":0}"#),
                           "rotating its secret")
        Self.expectRefused(await f.call(.patch, "/v1/wl/wallet", token: old, json: #"{"low_balance_threshold_days":1}"#), "alert settings")

        let read = await f.call(.get, "/v1/wl/webhook-endpoints/\(id)", token: old)
        #expect(read.status == 200 && read.json["secret"]?.string?.hasPrefix("whsec_…") == true, "reads show the masked secret only")
        #expect(await f.call(.post, "/v1/wl/webhook-endpoints/\(id)/rotate-secret", token: new, json: #"{"expire_old_in_seconds":0}"#).status == 200)
        #expect(await f.call(.patch, "/v1/wl/wallet", token: new, json: #"{"low_balance_threshold_days":1}"#).status == 200)
    }

    @Test func aRotationRetriedWithItsIdempotencyKey_replaysTheNewKey_toTheKeyThatAskedForIt() async throws {
        let f = try await OperatorAPIFixture()
        let old = f.key(f.acme, .live)
        let rotate = { await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":86400}"#,
                                    headers: ["Idempotency-Key": "rotate-once"]) }
        let first = await rotate()
        let retried = await rotate()
        #expect(retried.status == 201 && retried.headers["Idempotent-Replayed"] == "true" && retried.body == first.body,
                "an answer lost on the way is not lost for good")
        let again = await f.call(.post, "/v1/wl/api-keys/rotate", token: old, json: #"{"expire_old_in_seconds":0}"#,
                                 headers: ["Idempotency-Key": "rotate-twice"])
        Self.expectRefused(again, "a new rotation is still refused")
    }

    @Test func theDocument_listsThe403_onEveryOperationThatNeedsTheCurrentKey() async throws {
        let f = try await OperatorAPIFixture()
        let document = await f.call(.get, "/v1/openapi.json", token: nil).json
        let guarded = [
            ("/v1/wl/api-keys/rotate", "post"), ("/v1/wl/webhook-endpoints", "post"), ("/v1/wl/webhook-endpoints/{id}", "patch"),
            ("/v1/wl/webhook-endpoints/{id}", "delete"), ("/v1/wl/webhook-endpoints/{id}/rotate-secret", "post"), ("/v1/wl/wallet", "patch"),
        ]
        for (path, method) in guarded {
            #expect(document["paths"]?[path]?[method]?["responses"]?["403"] != nil, "\(method) \(path)")
        }
        #expect(document["paths"]?["/v1/wl/users"]?["post"]?["responses"]?["403"] == nil, "data routes take a retiring key")
    }
}
