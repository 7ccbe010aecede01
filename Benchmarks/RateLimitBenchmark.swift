import Kernel
import RateLimit

/// The limiter's decision path in isolation: `checkRequest` (the mutex, two token buckets, the decision and its
/// headers), single-threaded, spread over 1,000 operator/mode pairs.
enum RateLimitBenchmark {
    static func decisions(count: Int = 2_000_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let limiter = RateLimit(database: try scratch.open())
        let scopes = (0..<500).flatMap { i in Mode.allCases.map { TenantScope(operatorID: "op_\(i)", mode: $0) } }
        var allowed = 0
        let start = ContinuousClock.now
        for i in 0..<count where await limiter.checkRequest(scopes[i % scopes.count]).allowed { allowed += 1 }
        let seconds = (ContinuousClock.now - start).seconds
        precondition(allowed > 0)
        return ["decisions/s": Double(count) / seconds]
    }
}
