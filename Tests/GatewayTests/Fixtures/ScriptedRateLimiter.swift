@testable import Gateway
@testable import HTTPAPI

/// Gives the same decision every time and records what it saw.
struct ScriptedRateLimiter: RateLimiter {
    let decision: RateLimitDecision
    var trace: Trace?

    func decide(_ context: RequestContext) async throws -> RateLimitDecision {
        trace?.record("limit:\(context.principal?.subject ?? "anonymous")")
        return decision
    }
}
