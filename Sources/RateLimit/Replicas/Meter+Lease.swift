import Kernel

extension Meter {
    /// Takes a replica's lease out of this shared bucket: `want` tokens when it has that many, otherwise what it has
    /// up to `hold` (so that a replica never holds more than its share). Returns the tokens taken.
    mutating func lease(want: Int, hold: Int) -> Int {
        let grant = remaining >= want ? want : min(remaining, max(hold, 0))
        guard grant > 0 else { return 0 }
        take(grant)
        return grant
    }

    /// Puts back `count` tokens: into a token bucket at once (never above full), into a calendar window's count only
    /// when they were taken in the window that started at `windowStart` (the next window never counted them).
    mutating func giveBack(_ count: Int, takenIn windowStart: Timestamp?) {
        switch self {
        case .bucket(var bucket):
            bucket.giveBack(count)
            self = .bucket(bucket)
        case .window(var counter):
            if let windowStart { counter.giveBack(count, takenIn: windowStart) }
            self = .window(counter)
        }
    }

    /// Where a calendar window started; nil for a token bucket.
    var windowStart: Timestamp? {
        if case .window(let counter) = self { counter.start } else { nil }
    }

    /// Milliseconds from `now` until `count` could be taken: a bucket's refill time, a window's end.
    func millisecondsUntil(_ count: Int, now: Timestamp) -> Int64 {
        switch self {
        case .bucket(let bucket): bucket.millisecondsUntil(count)
        case .window(let counter): counter.canTake(count) ? 0 : max(0, counter.end.milliseconds - now.milliseconds)
        }
    }
}
