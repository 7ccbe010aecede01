import Kernel

/// What the calendar drives in Billing, for a sandbox's test clock: each usage day closes at 18:30 IST and is rolled
/// up then (per-strategy-day rows, the wallet debit, `usage.daily`, the low-balance re-check), as the scheduler does
/// in real time.
extension Billing: SandboxCalendar {
    /// The next 18:30 IST after `time`, once Billing knows the operator (it has no wallet to roll up before).
    public func nextDue(in scope: TenantScope, after time: Timestamp) async throws -> Timestamp? {
        let known = try await database.read { tx in try OperatorBook.isKnown(scope.operatorID, tx) }
        return known ? UsageWindow.containing(time).end : nil
    }

    public func runDue(in scope: TenantScope) async throws -> [String: Int] {
        let known = try await database.read { tx in try OperatorBook.isKnown(scope.operatorID, tx) }
        let rolled = known ? try await rollUp(through: nil, operatorID: scope.operatorID, mode: scope.mode) : []
        return ["days_rolled_up": rolled.count]
    }
}
