extension Database {
    /// How often a process that waits for a lease tries again, and a holder checks that it still holds it.
    public static let leaseRetryInterval = Duration.seconds(1)

    /// Runs `body` while this process holds the named lease, which at most one process on the database holds at a
    /// time; returns once the calling task is cancelled.
    ///
    /// Tries to take the lease every `retry` (on the database's clock), and runs `body` once it has it. While `body`
    /// runs, checks every `retry` (real time) that the lease is still held; when it was lost (PostgreSQL: the lease connection
    /// dropped and another process may hold it now), `body`'s task is cancelled, and once `body` returned this goes
    /// back to waiting for the lease. When `body` returns by itself, the lease is given up, and taken again (here or
    /// elsewhere) after `retry`. On SQLite (one process per file) the lease is always granted at once.
    ///
    /// `body` must still guard the effects it commits (a compare-and-set on what it started from): a holder cut off
    /// from the database cannot learn that its lease was lost before its next check.
    public func whileHolding(
        lease name: String, retry: Duration = leaseRetryInterval, _ body: @escaping @Sendable () async -> Void
    ) async {
        while !Task.isCancelled {
            if (try? await engine.acquireLease(name)) == true {
                await runHolding(name, retry: retry, body)
                await engine.releaseLease(name)
                if Task.isCancelled { return }
            }
            do { try await clock.sleep(for: retry) } catch { return }
        }
    }

    /// Runs `body` and, beside it, checks the lease every `retry`; cancels `body` when the lease was lost. Returns once
    /// `body` returned.
    private func runHolding(_ name: String, retry: Duration, _ body: @escaping @Sendable () async -> Void) async {
        // SQLite's leases cannot be lost: no check (and no sleeper on the clock).
        guard dialect == .postgres else { return await body() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await body() }
            group.addTask { [engine] in
                while true {
                    // Real time, not the injected clock: a connection is lost in real time, and the clock is for
                    // the application's schedule (tests count its sleepers to know a loop went idle).
                    do { try await Task.sleep(for: retry) } catch { return }
                    if !(await engine.holdsLease(name)) { return }
                }
            }
            // Whichever ends first (the body, or the lease check on a loss) ends the other.
            await group.next()
            group.cancelAll()
        }
    }
}
