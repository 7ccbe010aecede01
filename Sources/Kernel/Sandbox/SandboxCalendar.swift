/// The work a domain's calendar drives in a tenant scope (roll-ups, expiries, purges, key notices), as it offers it
/// to ``TestClocks``, which run it step by step as a sandbox's clock moves.
///
/// The same passes run in real time from the domains' own loops; here they run for one sandbox at a time, at the
/// scope's time (``Database/now(for:)``), which the test clock has just set.
public protocol SandboxCalendar: Sendable {
    /// The first moment strictly after `time` at which work falls due in `scope`; nil when nothing is scheduled.
    func nextDue(in scope: TenantScope, after time: Timestamp) async throws -> Timestamp?

    /// Does everything due in `scope` at the scope's current time, overdue work included; returns what it did as
    /// named counts (`days_rolled_up: 1`), zeros included, for the advance's summary.
    func runDue(in scope: TenantScope) async throws -> [String: Int]
}
