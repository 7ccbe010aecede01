import RateLimit

extension RateLimit.Settings {
    /// The defaults, with the operators' quotas counted in this process whatever the engine (the single-process
    /// behaviour the tests of the decisions pin down; ``ReplicaQuotaTests`` covers the shared buckets).
    static var inOneProcess: Self {
        var settings = Self()
        settings.sharing = .process
        return settings
    }

    /// The defaults, with the operators' quotas shared by replicas whatever the engine.
    static var asReplica: Self {
        var settings = Self()
        settings.sharing = .replicas
        return settings
    }
}
