import Kernel

/// What one bucket policy keeps: a refilling ``TokenBucket`` or a calendar window's ``WindowCounter``, behind one
/// set of questions so that ``BucketTable`` decides over both alike.
enum Meter: Sendable, Equatable {
    case bucket(TokenBucket)
    case window(WindowCounter)

    /// `stored` brought to `now` under `policy`'s current size, or a fresh meter (full bucket, zero count). A
    /// changed limit takes effect at once: what was used stays used.
    static func current(_ stored: Meter?, _ policy: BucketPolicy, at now: Timestamp) -> Meter {
        switch (stored, policy.isCalendar) {
        case (.window(var counter)?, true):
            if counter.capacity != policy.capacity || counter.length != policy.window { counter = counter.resized(to: policy.capacity) }
            counter.refresh(at: now)
            return .window(counter)
        case (.bucket(var bucket)?, false):
            if bucket.capacity != Int64(policy.capacity) || bucket.windowMilliseconds != policy.window.milliseconds {
                let used = Int(bucket.capacity) - bucket.remaining
                bucket = TokenBucket(capacity: policy.capacity, window: policy.window,
                                     level: Int64(max(policy.capacity - used, 0)) * policy.window.milliseconds, updatedAt: bucket.updatedAt)
            }
            bucket.refill(at: now)
            return .bucket(bucket)
        case (_, true):
            return .window(WindowCounter(capacity: policy.capacity, length: policy.window, now: now))
        case (_, false):
            return .bucket(TokenBucket(capacity: policy.capacity, window: policy.window, now: now))
        }
    }

    /// A meter of `policy`'s kind restored from its persisted `level` and `updatedAt` (see ``persisted``).
    static func restored(_ policy: BucketPolicy, level: Int64, updatedAt: Timestamp) -> Meter {
        policy.isCalendar
            ? .window(WindowCounter(capacity: policy.capacity, length: policy.window, used: Int(clamping: level), start: updatedAt))
            : .bucket(TokenBucket(capacity: policy.capacity, window: policy.window, level: level, updatedAt: updatedAt))
    }

    /// How it is stored: a bucket's level and last refill; a window's count and start.
    var persisted: (level: Int64, updatedAt: Timestamp) {
        switch self {
        case .bucket(let bucket): (bucket.level, bucket.updatedAt)
        case .window(let counter): (Int64(counter.used), counter.start)
        }
    }

    var remaining: Int {
        switch self {
        case .bucket(let bucket): bucket.remaining
        case .window(let counter): counter.remaining
        }
    }

    func canTake(_ count: Int) -> Bool {
        switch self {
        case .bucket(let bucket): bucket.canTake(count)
        case .window(let counter): counter.canTake(count)
        }
    }

    mutating func take(_ count: Int) {
        switch self {
        case .bucket(var bucket): bucket.take(count); self = .bucket(bucket)
        case .window(var counter): counter.take(count); self = .window(counter)
        }
    }

    /// Whole seconds until `count` could be taken: a bucket's refill time, a window's end.
    func secondsUntil(_ count: Int, now: Timestamp) -> Int {
        switch self {
        case .bucket(let bucket): bucket.secondsUntil(count)
        case .window(let counter): counter.secondsUntilReset(at: now)
        }
    }

    /// Whole seconds until a bucket is full again, or a window's count starts again.
    func secondsUntilReset(now: Timestamp) -> Int {
        switch self {
        case .bucket(let bucket): bucket.secondsUntilFull
        case .window(let counter): counter.secondsUntilReset(at: now)
        }
    }
}
