import APITestSupport
import Accounts
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct AccountsRoutesTests {
    @Test func adminCreatesAnOperator_andTheKeysAreShownOnce() async throws {
        let f = try await OperatorAPIFixture()
        let created = await f.call(.post, "/v1/admin/operators", token: OperatorAPIFixture.adminToken, json: #"{"name":"Gamma","slug":"gamma"}"#)
        #expect(created.status == 201)
        #expect(created.json["keys"]?["live"]?.string?.hasPrefix("tt_wl_gamma_live_") == true)
        let listed = await f.call(.get, "/v1/admin/operators", token: OperatorAPIFixture.adminToken)
        #expect(!listed.text.contains("tt_wl_gamma_live_"), "keys never appear again")
        #expect(await f.call(.post, "/v1/admin/operators", token: OperatorAPIFixture.adminToken, json: #"{"name":"G","slug":"gamma"}"#).status == 409)
        #expect(await f.call(.post, "/v1/admin/operators", token: f.key(f.acme, .live), json: #"{"name":"G","slug":"g2"}"#).status == 401)
    }

    @Test func missingMalformedOrUnknownKeys_get401WithABearerChallenge() async throws {
        let f = try await OperatorAPIFixture()
        for token in [nil, "nonsense", "tt_wl_acme_live_" + String(repeating: "x", count: 40)] {
            let response = await f.call(.get, "/v1/wl/me", token: token)
            #expect(response.status == 401)
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        let me = await f.call(.get, "/v1/wl/me", token: f.key(f.acme, .test))
        #expect(me.json["mode"] == "test" && me.json["operator"]?["slug"] == "acme")
        #expect(me.json["key"]?["masked"]?.string == "tt_wl_acme_test_…" + f.key(f.acme, .test).suffix(4))
    }

    /// The isolation matrix: 2 operators × 2 modes; every read and write of a user with any other key is a 404.
    @Test func everyOtherKey_getsA404ForAUser() async throws {
        let f = try await OperatorAPIFixture()
        let keys = [(f.acme, Mode.live), (f.acme, .test), (f.beta, .live), (f.beta, .test)]
        for (owner, mode) in keys {
            let id = try await f.createUser(owner, mode, email: "owner@example.com")["id"]!.string!
            for (other, otherMode) in keys where !(other.operator.id == owner.operator.id && otherMode == mode) {
                let token = f.key(other, otherMode)
                #expect(await f.call(.get, "/v1/wl/users/\(id)", token: token).status == 404)
                #expect(await f.call(.delete, "/v1/wl/users/\(id)", token: token).status == 404)
                #expect(await f.call(.post, "/v1/wl/users/\(id)/restore", token: token).status == 404)
                #expect(await f.call(.post, "/v1/wl/users/\(id)/login-links", token: token).status == 404)
                #expect(!(await f.call(.get, "/v1/wl/users", token: token).text.contains(id)))
            }
            #expect(await f.call(.get, "/v1/wl/users/\(id)", token: f.key(owner, mode)).status == 200)
        }
    }

    @Test func createUser_withNULInAField_answersAndStoresExactlyWhatWasAccepted() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .live)
        let created = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live),
                                   json: #"{"email":"nul@example.com","phone":"+919876543210","plan_id":"\#(plan)","name":"ab\u0000cd"}"#)
        #expect(created.status == 201)
        #expect(created.json["name"]?.string == "ab\u{0}cd")
        let id = try #require(created.json["id"]?.string)
        let read = await f.call(.get, "/v1/wl/users/\(id)", token: f.key(f.acme, .live))
        #expect(read.json["name"]?.string == "ab\u{0}cd")
        #expect(read.text.contains(#""ab\u0000cd""#))
    }

    @Test func idempotencyKey_replaysTheFirstAnswerByteForByte_andRefusesAChangedRequest() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .live)
        let body = #"{"email":"a@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#
        let first = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "create-a"])
        let again = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "create-a"])
        #expect(first.status == 201 && again.status == 201)
        #expect(first.body == again.body)
        #expect(again.headers["Idempotent-Replayed"] == "true" && first.headers["Idempotent-Replayed"] == nil)
        let changed = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body.replacingOccurrences(of: "a@", with: "b@"),
                                   headers: ["Idempotency-Key": "create-a"])
        #expect(changed.status == 422 && changed.json["code"] == "idempotency_key_reused")
        let otherMode = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .test),
                                     json: body.replacingOccurrences(of: plan, with: try await f.defaultPlan(f.acme, .test)),
                                     headers: ["Idempotency-Key": "create-a"])
        #expect(otherMode.status == 201, "keys are scoped to operator and mode")
        #expect(await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": ""]).status == 400)
    }

    @Test func listUsers_withAnUnknownQueryParameter_is400NamingIt() async throws {
        let f = try await OperatorAPIFixture()
        let response = await f.call(.get, "/v1/wl/users?limit=5&created[lte]=2026-01-01T00:00:00Z", token: f.key(f.acme, .live))
        #expect(response.status == 400 && response.json["code"] == "invalid_parameter" && response.errorFields == ["created[lte]"])
        #expect(await f.call(.get, "/v1/wl/me?verbose=1", token: f.key(f.acme, .live)).status == 400)
    }

    @Test func createUser_withAnEmptyBody_namesEveryMissingField() async throws {
        let f = try await OperatorAPIFixture()
        let empty = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: "{}")
        #expect(empty.status == 422 && empty.errorFields == ["email", "phone", "plan_id"])
        let wrong = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: #"{"email":5,"phone":"+919876543210","plan_id":7,"nick":"x"}"#)
        #expect(wrong.status == 422 && wrong.errorFields == ["email", "nick", "plan_id"])
    }

    @Test func aKeyWhoseFirstRequestStillRuns_is409WithRetryAfterOneSecond() async throws {
        let f = try await OperatorAPIFixture()
        let body = #"{"email":"busy@example.com","phone":"+919876543210","plan_id":"\#(try await f.defaultPlan(f.acme, .live))"}"#
        let fingerprint = Digest.sha256(Array("POST /v1/wl/users\n".utf8) + Array(body.utf8))
        guard case .claimed = try await IdempotencyStore(database: f.database).claim(scope: "\(f.acme.operator.id)/live", key: "busy", fingerprint: fingerprint)
        else { Issue.record("the key was not free"); return }
        let refused = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "busy"])
        #expect(refused.status == 409 && refused.json["code"] == "idempotency_key_in_use")
        #expect(refused.headers["Retry-After"] == "1")
    }

    /// After a crash the key's request runs again: a bulk request finds the rows its first run created (reported
    /// created, with their ids), and the key still refuses a different request.
    @Test func aKeyACrashInterrupted_isClaimedAgainByTheSameRequestOnly() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .live), scope = TenantScope(operatorID: f.acme.operator.id, mode: .live)
        let rows = (0..<3).map { #"{"email":"crash\#($0)@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"# }
        let body = #"{"users":[\#(rows.joined(separator: ","))]}"#
        let fingerprint = Digest.sha256(Array("POST /v1/wl/users/bulk\n".utf8) + Array(body.utf8))
        _ = try await IdempotencyStore(database: f.database).claim(scope: "\(f.acme.operator.id)/live", key: "bulk-crash", fingerprint: fingerprint)
        let firstRun = await f.accounts.createUsers(scope, [NewUser(email: "crash0@example.com", phone: "+919876543210", planID: plan)],
                                                    creationKey: "bulk-crash")
        // The process dies here; the next one starts.
        try await IdempotencyMiddleware(database: f.database, masterKey: f.services.masterKey).recover()
        if f.database.dialect == .postgres {
            // Other replicas may still be running their requests: a claim lapses by its lease, not at a restart.
            f.clock.advance(by: IdempotencyStore.claimLease)
        }

        let other = await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .live), json: #"{"users":[\#(rows[0])]}"#,
                                 headers: ["Idempotency-Key": "bulk-crash"])
        #expect(other.status == 422 && other.json["code"] == "idempotency_key_reused")
        let retry = await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "bulk-crash"])
        #expect(retry.status == 200 && retry.headers["Idempotent-Replayed"] == nil)
        guard case .array(let data)? = retry.json["data"] else { Issue.record("no data"); return }
        #expect(data.map { $0["status"] } == [201, 201, 201], "no row refused as email_taken")
        #expect(data[0]["user"]?["id"]?.string == (try firstRun[0].get().user.id))
        #expect(data.allSatisfy { $0["user"]?["login_url"]?.string?.contains("?token=lt_") == true })
        let again = await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "bulk-crash"])
        #expect(again.body == retry.body && again.headers["Idempotent-Replayed"] == "true", "from now on, exactly that answer")
    }

    @Test func loginLink_answersLoginURL_asUserCreationDoes() async throws {
        let f = try await OperatorAPIFixture()
        let id = try #require(try await f.createUser(f.acme, .live, email: "link@example.com")["id"]?.string)
        let link = await f.call(.post, "/v1/wl/users/\(id)/login-links", token: f.key(f.acme, .live))
        #expect(link.status == 201)
        #expect(link.json["login_url"]?.string?.contains("?token=lt_") == true)
        #expect(link.json["url"] == nil)
    }

    @Test func racingRequestsWithOneIdempotencyKey_createExactlyOneUser() async throws {
        let f = try await OperatorAPIFixture()
        let body = #"{"email":"race@example.com","phone":"+919876543210","plan_id":"\#(try await f.defaultPlan(f.acme, .live))"}"#
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<10 {
                group.addTask { await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "race"]).status }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
        let users = try await f.accounts.listUsers(TenantScope(operatorID: f.acme.operator.id, mode: .live), UserQuery()).data
        #expect(users.count == 1)
    }

    /// A keyed create takes no claim before it runs: racing requests with its key all run, the first write stores
    /// the user with its answer, and every other one's write finds the key taken, rolls back and replays that answer
    /// (none is refused as in progress).
    @Test func racingKeyedCreates_oneCreates_theOthersReplayItsAnswer() async throws {
        let f = try await OperatorAPIFixture()
        let body = #"{"email":"fold@example.com","phone":"+919876543210","plan_id":"\#(try await f.defaultPlan(f.acme, .live))"}"#
        let answers = await withTaskGroup(of: (Int, String?, [UInt8]).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let answer = await f.call(.post, "/v1/wl/users", token: f.key(f.acme, .live), json: body, headers: ["Idempotency-Key": "fold"])
                    return (answer.status, answer.headers["Idempotent-Replayed"], answer.body)
                }
            }
            return await group.reduce(into: [(Int, String?, [UInt8])]()) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.0 == 201 }, "\(answers.map(\.0))")
        #expect(answers.filter { $0.1 == nil }.count == 1)
        #expect(Set(answers.map(\.2)).count == 1, "every replay is the created answer, byte for byte")
        let users = try await f.accounts.listUsers(TenantScope(operatorID: f.acme.operator.id, mode: .live), UserQuery()).data
        #expect(users.count == 1)
    }

    @Test func bulk_answersEachRowInOrder() async throws {
        let f = try await OperatorAPIFixture()
        let plan = try await f.defaultPlan(f.acme, .test)
        let rows = [#"{"email":"one@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#,
                    #"{"email":"bad","phone":"+919876543210","plan_id":"\#(plan)"}"#]
        let response = await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .test), json: #"{"users":[\#(rows.joined(separator: ","))]}"#)
        #expect(response.status == 200)
        guard case .array(let data)? = response.json["data"] else { Issue.record("no data"); return }
        #expect(data[0]["status"] == 201 && data[0]["user"]?["email"] == "one@example.com")
        #expect(data[1]["status"] == 422 && data[1]["error"]?["code"] == "validation_failed")
        #expect(response.text.contains(#""field":"users[1].email""#))
        #expect(await f.call(.post, "/v1/wl/users/bulk", token: f.key(f.acme, .test), json: #"{"users":[]}"#).status == 422)
    }

    @Test func deleteAndRestore_throughTheAPI() async throws {
        let f = try await OperatorAPIFixture()
        let id = try await f.createUser(f.acme, .live, email: "d@example.com")["id"]!.string!
        let deleted = await f.call(.delete, "/v1/wl/users/\(id)", token: f.key(f.acme, .live))
        #expect(deleted.status == 200 && deleted.json["status"] == "deleted" && deleted.json["purge_after"] != nil)
        #expect(await f.call(.delete, "/v1/wl/users/\(id)", token: f.key(f.acme, .live)).json["deleted_at"] == deleted.json["deleted_at"])
        #expect(await f.call(.post, "/v1/wl/users/\(id)/restore", token: f.key(f.acme, .live)).json["status"] == "active")
    }

    @Test func rotation_showsTheNewKeyOnce_andTheOldOneStopsAtOnceWithoutGrace() async throws {
        let f = try await OperatorAPIFixture()
        let rotated = await f.call(.post, "/v1/wl/api-keys/rotate", token: f.key(f.acme, .test), json: #"{"expire_old_in_seconds":0}"#)
        #expect(rotated.status == 201)
        let secret = try #require(rotated.json["secret"]?.string)
        #expect(await f.call(.get, "/v1/wl/me", token: f.key(f.acme, .test)).status == 401)
        #expect(await f.call(.get, "/v1/wl/me", token: secret).status == 200)
        let listed = await f.call(.get, "/v1/wl/api-keys", token: secret)
        #expect(!listed.text.contains(secret))
        #expect(await f.call(.post, "/v1/wl/api-keys/rotate", token: secret, json: #"{"mode":"live","expire_old_in_seconds":0}"#).status == 403)
        #expect(await f.call(.post, "/v1/wl/api-keys/rotate", token: secret, json: #"{"expire_old_in_seconds":604801}"#).status == 422)
    }

    @Test func clientFlow_loginLinkSessionAndBroker() async throws {
        let f = try await OperatorAPIFixture()
        let user = try await f.createUser(f.acme, .live, email: "c@example.com")
        let token = String(user["login_url"]!.string!.split(separator: "=").last!)
        let login = await f.call(.post, "/v1/client/login", token: nil, json: #"{"token":"\#(token)"}"#)
        #expect(login.status == 200)
        let session = try #require(login.json["session_token"]?.string)
        #expect(await f.call(.post, "/v1/client/login", token: nil, json: #"{"token":"\#(token)"}"#).status == 401)
        let linked = await f.call(.post, "/v1/client/broker", token: session, json: #"{"broker":"zerodha","client_code":"AB123434"}"#)
        #expect(linked.status == 200 && linked.json["broker"]?["client_code_masked"] == "AB****34")
        #expect(await f.call(.post, "/v1/client/broker", token: f.key(f.acme, .live), json: #"{"broker":"z","client_code":"AB12"}"#).status == 401,
                "operator keys are not client sessions")
        #expect(await f.call(.delete, "/v1/client/broker", token: session).status == 200)
        #expect(await f.call(.delete, "/v1/client/broker", token: session).status == 409)
    }

    @Test func failedAuthentications_fromOneAddress_areThrottled() async throws {
        let f = try await OperatorAPIFixture()
        for _ in 0..<20 { #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: "203.0.113.9").status == 401) }
        let throttled = await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: "203.0.113.9")
        #expect(throttled.status == 429 && throttled.headers["Retry-After"] != nil)
        #expect(await f.call(.get, "/v1/wl/me", token: "tt_wl_acme_live_guess", from: "203.0.113.10").status == 401)
    }
}
