import Kernel

extension RateLimit {
    /// Takes one public sign-up from the address's client-request bucket and, when the operator is known, from the
    /// operator's sign-ups in that mode and from that address's sign-ups at the operator: all or nothing. An
    /// unknown operator (`scope` nil) is the handler's 404, counted as a client request only.
    ///
    /// With replicas the operator's sign-ups are taken from the shared bucket first, and given back when this
    /// replica's per-address limits refuse.
    public nonisolated func checkSignup(_ scope: TenantScope?, address: String) async -> QuotaDecision {
        var policies = [clientAddressPolicy(address)]
        guard let scope else { return table.withLock { [now = clock.now()] in $0.decide(policies, at: now) } }
        let limits = limits(for: scope.operatorID).limits
        let operatorPolicy = policy(.signupsPerHour, scope, limits: limits)
        policies.append(signupPolicy(scope, address: address, limits: limits))
        guard let shared else {
            policies.insert(operatorPolicy, at: 1)
            return table.withLock { [now = clock.now()] in $0.decide(policies, at: now) }
        }
        let operatorDecision = await shared.decide([operatorPolicy])
        let local = table.withLock { [now = clock.now()] in $0.decide(policies, at: now, take: operatorDecision.allowed) }
        if operatorDecision.allowed && !local.allowed { await shared.giveBack(1, of: operatorPolicy, takenIn: nil) }
        return QuotaDecision(
            allowed: operatorDecision.allowed && local.allowed,
            policies: [local.policies[0], operatorDecision.policies[0], local.policies[1]],
            violated: local.violated + operatorDecision.violated,
            retryAfterSeconds: max(local.retryAfterSeconds, operatorDecision.retryAfterSeconds))
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
