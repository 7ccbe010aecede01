import Kernel

extension Billing {
    /// Strategy-days and charges over a range of usage days, filtered and grouped, with totals.
    ///
    /// Read from the per-strategy-day rows the roll-ups wrote, so every filter is exact and the totals reconcile
    /// with the `usage.daily` events and the wallet's usage debits. Days not yet rolled up are not included; groups
    /// with no strategy-days are left out.
    public func usage(_ scope: TenantScope, _ query: UsageQuery) async throws -> UsageReport {
        try query.validate()
        let filter = UsageDays.Filter(planID: query.planID, broker: query.broker, userID: query.userID)
        return try await database.read { tx in
            let lines = try UsageDays.lines(scope, from: query.from, to: query.to, filter: filter, groupBy: query.groupBy, tx)
            let totals = UsageTotals(strategyDays: lines.reduce(0) { $0 + $1.strategyDays },
                                     amountPaise: lines.reduce(0) { $0 + $1.amountPaise })
            return UsageReport(data: lines, totals: totals)
        }
    }
}
