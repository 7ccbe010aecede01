import APITestSupport
import Kernel
import RateLimit
import Testing
import TestSupport

/// The operators' quotas through two replicas of the whole API on one database (quotas shared as PostgreSQL shares
/// them, on either engine).
@Suite(.databases) struct SharedQuotaTests {
    @Test func aClientAlternatingBetweenTwoReplicas_isRefusedAtItsLimit_notAtTwiceIt() async throws {
        let a = try await OperatorAPIFixture { $0.rateLimit.sharing = .replicas }
        let b = try await OperatorAPIFixture(replicaOf: a)
        var statuses = [Int: Int]()
        for i in 0..<2200 {
            let replica = i.isMultiple(of: 2) ? a : b
            statuses[await replica.call(.get, "/v1/wl/me", token: a.key(a.acme, .live)).status, default: 0] += 1
        }
        let allowed = statuses[200] ?? 0
        #expect(allowed <= 1000 && allowed >= 950, "the standard tier's 1,000 a minute, with the clock stopped: \(statuses)")
        #expect(statuses[429] == 2200 - allowed)
    }

    @Test func postgreSQL_sharesTheQuotasByDefault_SQLite_countsThemInProcess() async throws {
        let f = try await OperatorAPIFixture()
        #expect((f.rateLimit.sharing == .replicas) == (f.database.dialect == .postgres))
    }
}
