import Glibc

/// Nanoseconds on `CLOCK_MONOTONIC`, the time base of every deadline inside the server. A plain integer keeps the
/// connection state machine pure (tests pass any `now`) and costs one vDSO call to read.
package enum MonotonicClock {
    package static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, negative ones as zero and huge ones saturated.
    package var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole.addingSaturating(UInt64(attoseconds / 1_000_000_000))
    }
}

extension UInt64 {
    /// `self + other`, or `.max` where that would overflow (a deadline "never").
    package func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
