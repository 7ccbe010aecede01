import Kernel

extension RateLimit {
    /// Takes one public sign-up from the address's client-request bucket and, when the operator is known, from the
    /// operator's sign-ups in that mode and from that address's sign-ups at the operator: all or nothing. An
    /// unknown operator (`scope` nil) is the handler's 404, counted as a client request only.
    public nonisolated func checkSignup(_ scope: TenantScope?, address: String) -> QuotaDecision {
        var policies = [clientAddressPolicy(address)]
        if let scope {
            let limits = limits(for: scope.operatorID).limits
            policies += [policy(.signupsPerHour, scope, limits: limits), signupPolicy(scope, address: address, limits: limits)]
        }
        let now = clock.now()
        return table.withLock { $0.decide(policies, at: now) }
    }

    /// The bucket of one address's sign-ups at one operator and mode. Per address, so not persisted: its key has
    /// no mode of its own (the operator and mode are in its subject, which ``BucketTable/busiest(like:at:)`` matches
    /// by prefix).
    nonisolated func signupPolicy(_ scope: TenantScope, address: String, limits: [Quota: Int]) -> BucketPolicy {
        let quota = Quota.signupsPerAddressPerHour
        let block = IPNetwork.limitingBlock(of: address)
        return BucketPolicy(key: BucketKey(subject: "\(scope.operatorID)/\(scope.mode.rawValue)/\(block)", name: quota.rawValue),
                            name: quota.policyName, quota: quota, capacity: limits[quota] ?? 0, window: quota.window!.length)
    }
}
