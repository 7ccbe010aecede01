/// Decides whether a request may proceed, after authentication (so it can count per principal, or per remote
/// address for public routes). The RateLimit module's token buckets will sit behind an implementation of this.
///
/// It sees every routed request, the system routes included; an implementation exempts what it should not count
/// (`context.endpoint.operation.id`, e.g. the `/healthz` probe).
public protocol RateLimiter: Sendable {
    func decide(_ context: RequestContext) async throws -> RateLimitDecision
}
