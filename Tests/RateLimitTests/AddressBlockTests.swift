import Foundation
import Kernel
@testable import RateLimit
import Testing
import TestSupport

/// The per-address limits count an IPv6 client by its /64, as the connection caps do: a host is usually given a
/// whole /64, and counting single addresses would let it spread its failures and sign-ups over 2^64 of them.
@Suite(.databases) struct AddressBlockTests {
    func limiter() async throws -> RateLimit {
        let db = try TestDatabase().open(clock: ManualClock())
        try await db.migrate(RateLimitSchema.migrations)
        return RateLimit(database: db)
    }

    @Test func failuresFromOneIPv6Network_shareOneBucket_andOtherNetworksAreUntouched() async throws {
        let limiter = try await limiter()
        for host in 1...20 { limiter.recordAuthenticationFailure(from: "2001:db8:0:1::\(String(host, radix: 16))") }
        #expect(!limiter.authenticationAllowed(from: "2001:db8:0:1:ffff:ffff:ffff:ffff").allowed)
        #expect(limiter.authenticationAllowed(from: "2001:db8:0:2::1").allowed)
    }

    @Test func signupsFromOneIPv6Network_shareTheirPerAddressQuota() async throws {
        let limiter = try await limiter()
        let scope = TenantScope(operatorID: "op_acme", mode: .live)
        for host in 1...10 { #expect(await limiter.checkSignup(scope, address: "2001:db8:0:1::\(host)").allowed) }
        #expect(await limiter.checkSignup(scope, address: "2001:db8:0:1::abcd").violated == ["signups-per-address"])
    }

    @Test func anIPv4MappedAddress_countsAsItsIPv4Address() async throws {
        let limiter = try await limiter()
        for _ in 0..<20 { limiter.recordAuthenticationFailure(from: "::ffff:203.0.113.7") }
        #expect(!limiter.authenticationAllowed(from: "203.0.113.7").allowed)
    }
}
