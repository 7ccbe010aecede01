import Kernel

extension PolicyState {
    /// The state of `policy`'s bucket as `meter` holds it at `now`.
    init(_ policy: BucketPolicy, _ meter: Meter, at now: Timestamp) {
        self.init(name: policy.name, quota: policy.quota, limit: policy.capacity, remaining: meter.remaining,
                  windowSeconds: Int(policy.window.milliseconds / 1000), resetSeconds: meter.secondsUntilReset(now: now))
    }
}
