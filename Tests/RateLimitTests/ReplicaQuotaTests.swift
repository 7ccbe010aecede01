import Foundation
import Kernel
@testable import RateLimit
import Testing
import TestSupport

/// The operators' quotas with two replicas: two limiters on two connections to one database, sharing its buckets.
/// The operator is unknown to both, so the standard tier's limits apply (1,000 a minute, 60,000 a day, 500 user
/// creations an hour); a replica holds at most 2.5 % of a bucket (25 requests of the minute's 1,000).
@Suite(.databases) struct ReplicaQuotaTests {
    let clock = ManualClock(Timestamp(seconds: 1_790_000_000))
    let test = TestDatabase()
    let live = TenantScope(operatorID: "op_acme", mode: .live)

    func replicas() async throws -> (RateLimit, RateLimit) {
        let first = try test.open(clock: clock)
        try await first.migrate(RateLimitSchema.migrations)
        let (a, b) = (RateLimit(database: first, settings: .asReplica), RateLimit(database: try test.open(clock: clock), settings: .asReplica))
        try await a.restore()
        try await b.restore()
        return (a, b)
    }

    func allowed(_ replicas: [RateLimit], _ count: Int) async -> Int {
        var allowed = 0
        for i in 0..<count where await replicas[i % replicas.count].checkRequest(live).allowed { allowed += 1 }
        return allowed
    }

    @Test func aClientAlternatingBetweenReplicas_getsTheLimit_andAfterARefillAtMostFivePercentMore() async throws {
        let (a, b) = try await replicas()
        let first = await allowed([a, b], 2400)
        #expect(first <= 1000 && first >= 950, "the shared bucket gives its 1,000 tokens once; at most a batch per replica stays unspent")
        _ = await allowed([a], 10)
        clock.advance(by: .seconds(60))
        let second = await allowed([b, a], 2400)
        #expect(second <= 1050 && second >= 1000, "a full bucket plus what the replicas held: at most 5 % over")
    }

    @Test func aClientHammeringBothReplicasConcurrently_neverGetsMoreThanTheBucketHolds() async throws {
        let (a, b) = try await replicas()
        let total = await withTaskGroup(of: Int.self) { group in
            for i in 0..<8 { group.addTask { await allowed([i.isMultiple(of: 2) ? a : b], 300) } }
            return await group.reduce(0, +)
        }
        #expect(total <= 1000 && total >= 950, "allowed \(total) of 2,400 against a bucket of 1,000 with the clock stopped")
    }

    @Test func aBucketRefilledAfterOneReplicaDrainedIt_servesTheOtherReplica() async throws {
        let (a, b) = try await replicas()
        #expect(await allowed([a], 1100) == 1000)
        #expect(!(await b.checkRequest(live).allowed), "the other replica finds the shared bucket empty")
        clock.advance(by: .seconds(30))
        #expect(await allowed([b], 600) == 500, "half a minute refilled half the shared bucket, for whichever replica asks")
        #expect(!(await a.checkRequest(live).allowed))
    }

    @Test func headers_countTheSharedBucketAndWhatThisReplicaHolds() async throws {
        let (a, b) = try await replicas()
        _ = await allowed([a], 500)
        let decision = await b.checkRequest(live)
        #expect(decision.headers.first { $0.name == "RateLimit" }?.value == #""minute";r=499;t=31"#, "499 left, 501 used: full again in 30.06 s")
        let day = try await b.usage(live).first { $0.quota == .requestsPerDay }!
        #expect(day.remaining == 60_000 - 501 - 1000, "the other replica's unspent 1,000 of its batch of the day count as used until they come back")
    }

    @Test func aReplicaThatStops_givesItsTokensBack_oneThatDies_onlyMakesTheLimitStricter() async throws {
        let (a, b) = try await replicas()
        _ = await allowed([a], 900)
        #expect(try await a.usage(live).first { $0.quota == .requestsPerDay }?.remaining == 59_100)
        #expect(try await b.usage(live).first { $0.quota == .requestsPerDay }?.remaining == 58_500, "a's unspent 600 are not b's to give")
        try await a.shared?.returnAll()
        #expect(try await b.usage(live).first { $0.quota == .requestsPerDay }?.remaining == 59_100)
    }

    @Test func userCreations_reservedOnOneReplica_andGivenBack_areSeenByTheOther() async throws {
        let (a, b) = try await replicas()
        let (first, reservation) = await a.reserveUserCreations(live, count: 100)
        #expect(first.allowed)
        await a.release(try #require(reservation), used: 60)
        #expect(try await a.usage(live).first { $0.quota == .userCreationsPerHour }?.remaining == 440)
        #expect(try await b.usage(live).first { $0.quota == .userCreationsPerHour }?.remaining == 428, "a keeps 12 of the 40 back (its share)")
        let (refused, none) = await b.reserveUserCreations(live, count: 429)
        #expect(!refused.allowed && none == nil && refused.violated == ["user-creations"])
        #expect(await b.reserveUserCreations(live, count: 428).decision.allowed, "a refused reservation leaves what it could not use")
    }

    @Test func signups_countAgainstTheOperatorsSharedHour_andTheAddressesOfEachReplica() async throws {
        let (a, b) = try await replicas()
        var allowed = 0
        for i in 0..<300 where await (i.isMultiple(of: 2) ? a : b).checkSignup(live, address: "198.51.100.\(i % 250)").allowed { allowed += 1 }
        #expect(allowed <= 200 && allowed >= 190, "the standard tier's 200 sign-ups an hour, shared: \(allowed)")
        let other = TenantScope(operatorID: "op_beta", mode: .live)
        for _ in 0..<10 { #expect(await a.checkSignup(other, address: "203.0.113.9").allowed) }
        let refused = await a.checkSignup(other, address: "203.0.113.9")
        #expect(!refused.allowed && refused.violated == ["signups-per-address"])
        #expect(try await a.usage(other).first { $0.quota == .signupsPerHour }?.remaining == 190, "the refusal gave its operator sign-up back")
    }
}
