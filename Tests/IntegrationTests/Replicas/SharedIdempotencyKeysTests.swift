import Accounts
import APITestSupport
import Gateway
import HTTPClient
import HTTPServer
import Kernel
import Testing
import TestSupport

/// Two replicas of the whole API on one database, each behind its own HTTP server on 127.0.0.1, and a client firing
/// the same `Idempotency-Key` at both at once.
@Suite(.databases) struct SharedIdempotencyKeysTests {
    @Test func theSameKeySentToTwoReplicasAtOnce_createsOnce_andTheOthersGet409OrTheReplay() async throws {
        let a = try await OperatorAPIFixture()
        let b = try await OperatorAPIFixture(replicaOf: a)
        let servers = [HTTPServer(configuration: Self.local, handler: a.gateway), HTTPServer(configuration: Self.local, handler: b.gateway)]
        let urls = try servers.map { "http://127.0.0.1:\(try $0.start())" }
        let client = HTTPClient()
        let (key, plan) = (a.key(a.acme, .live), try await a.defaultPlan(a.acme, .live))
        for round in 0..<20 {
            let body = Array(#"{"email":"race\#(round)@example.com","phone":"+919876543210","plan_id":"\#(plan)"}"#.utf8)
            let answers = await withTaskGroup(of: HTTPClientResponse?.self) { group in
                for i in 0..<4 {
                    let request = HTTPClientRequest(method: "POST", url: urls[i % 2] + "/v1/wl/users", headers: [
                        ("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"), ("Idempotency-Key", "race-\(round)"),
                    ], body: body)
                    group.addTask { try? await client.execute(request, timeout: .seconds(30)) }
                }
                return await group.reduce(into: [HTTPClientResponse?]()) { $0.append($1) }
            }.compactMap { $0 }
            let created = answers.filter { $0.status == 201 && $0.header("idempotent-replayed") == nil }
            let replayed = answers.filter { $0.status == 201 && $0.header("idempotent-replayed") == "true" }
            let inUse = answers.filter { $0.status == 409 && String(decoding: $0.body, as: UTF8.self).contains("idempotency_key_in_use") }
            #expect(answers.count == 4 && created.count == 1 && replayed.count + inUse.count == 3,
                    "round \(round): \(answers.map { "\($0.status) \(String(decoding: $0.body, as: UTF8.self))" })")
            #expect(replayed.allSatisfy { $0.body == created.first?.body }, "a replay is the first answer, byte for byte")
        }
        let users = try await a.accounts.listUsers(TenantScope(operatorID: a.acme.operator.id, mode: .live), UserQuery(limit: 100))
        #expect(users.data.count == 20, "one user per key, whichever replica ran it")
        client.shutdown()
        for server in servers { await server.shutdown(drainTimeout: .seconds(1)) }
    }

    static var local: HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.ioThreads = 1
        return configuration
    }
}
