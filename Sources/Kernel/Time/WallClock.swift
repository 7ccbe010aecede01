/// The source of wall-clock time for everything that stores or schedules by time.
///
/// Inject it everywhere: production uses ``SystemClock``; tests use ``ManualClock`` and advance it, never sleep.
/// (Named apart from the standard library's `Clock`, which measures instants, not calendar time.)
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Timestamp
    /// Suspends until `deadline` has been reached on this clock. Throws `CancellationError` when cancelled.
    func sleep(until deadline: Timestamp) async throws
}

extension WallClock {
    /// Suspends for `duration` of this clock's time.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now() + duration)
    }
}
