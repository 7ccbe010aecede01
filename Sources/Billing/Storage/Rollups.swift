import Kernel

/// The daily roll-up of one wallet and one usage day, done in one transaction: the per-strategy-day rows, the
/// wallet debit, the `usage.daily` event, the low-balance re-check and the roll-up record itself.
///
/// The record is unique per operator, mode and date, and a roll-up that finds it returns it unchanged; so however
/// often a day is rolled up (scheduler, catch-up after downtime, manual re-run, a restart halfway through a
/// pass) it is charged once. Each wallet's days are rolled up in date order with no gaps, which makes its latest
/// record the watermark that catch-up resumes from.
enum Rollups {
    /// A wallet and a day that has not been rolled up.
    struct Due: Equatable {
        let scope: TenantScope
        let date: CivilDate
    }

    /// A wallet a roll-up covers, with the first day it can owe anything for.
    struct Target {
        let scope: TenantScope
        let firstUsageDate: CivilDate
    }

    /// One operator's wallets or every known operator's (`notFound` for an unknown one), in one mode or both.
    static func targets(operatorID: String?, mode: Mode?, _ tx: Transaction) throws -> [Target] {
        let operators = try operatorID.map { [try OperatorBook.entry($0, tx)] } ?? OperatorBook.all(tx)
        let modes = mode.map { [$0] } ?? Mode.allCases
        return operators.flatMap { book in
            modes.map { Target(scope: TenantScope(operatorID: book.operatorID, mode: $0), firstUsageDate: book.firstUsageDate) }
        }
    }

    /// The days not yet rolled up for the ``targets(operatorID:mode:_:)``, through `last` (nil: no limit) and never
    /// past the last day closed at each wallet's own time (a sandbox on a test clock stops at its clock): in date
    /// order, then operator id, then mode, so catch-up bills every wallet's days oldest first.
    static func due(through last: CivilDate?, operatorID: String?, mode: Mode?, _ tx: Transaction) throws -> [Due] {
        var latest = [TenantScope: CivilDate]()
        for row in try tx.query("SELECT operator_id, mode, MAX(date) AS date FROM billing_rollups GROUP BY operator_id, mode") {
            latest[TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode"))] = try row.civilDate("date")
        }
        var due = [Due]()
        for target in try targets(operatorID: operatorID, mode: mode, tx) {
            let closed = UsageWindow.lastClosed(at: tx.now(for: target.scope)).date
            let last = min(last ?? closed, closed)
            let first = max(target.firstUsageDate, latest[target.scope]?.adding(days: 1) ?? target.firstUsageDate)
            guard first <= last else { continue }
            for day in first.daysSinceEpoch...last.daysSinceEpoch {
                due.append(Due(scope: target.scope, date: CivilDate(daysSinceEpoch: day)))
            }
        }
        return due.sorted { ($0.date, $0.scope.operatorID, $0.scope.mode.rawValue) < ($1.date, $1.scope.operatorID, $1.scope.mode.rawValue) }
    }

    /// Rolls up `date` for `scope`, or returns the existing result. `isNew` is false when it had been done before.
    static func perform(_ scope: TenantScope, date: CivilDate, alerts: WalletAlerts, _ tx: Transaction) throws -> (rollup: UsageRollup, isNew: Bool) {
        if let existing = try load(scope, date: date, tx) { return (existing, false) }
        let price = try OperatorBook.entry(scope.operatorID, tx).pricePaise
        let window = UsageWindow(date: date)
        let days = try LiveIntervals.strategyDays(scope, in: window, tx)
        try UsageDays.insert(days, date: date, pricePaise: price, scope, tx)
        let amount = Int64(days.count) * price
        let debit = amount > 0
            ? try Ledger.append(.debit, amountPaise: amount, reason: .usage, reference: date.description, scope, tx)
            : nil
        try tx.execute(
            """
            INSERT INTO billing_rollups(id, operator_id, mode, date, window_start, window_end, strategy_days, amount_paise,
                                        strategy_day_price_paise, wallet_entry_id, wallet_balance_paise, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Identifier.make(.usageRollup), scope.operatorID, scope.mode, date.description, window.start, window.end, days.count, amount,
             price, debit?.id, try debit?.balanceAfterPaise ?? Ledger.balance(scope, tx), tx.now])
        guard let rollup = try load(scope, date: date, tx) else { preconditionFailure("the roll-up just inserted is readable") }
        // Every day, zeros included: a receiver that misses a day knows an event was lost, not that nothing ran.
        try tx.publish(NewEvent(type: BillingEvent.usageDaily, tenant: scope.operatorID, mode: scope.mode, payload: UsageDailyPayload(rollup)))
        if !days.isEmpty { try alerts.recheck(scope, tx) }
        return (rollup, true)
    }

    static func load(_ scope: TenantScope, date: CivilDate, _ tx: Transaction) throws -> UsageRollup? {
        guard let row = try tx.queryOne(
            """
            SELECT id, window_start, window_end, strategy_days, amount_paise, strategy_day_price_paise, wallet_entry_id,
                   wallet_balance_paise, created_at
            FROM billing_rollups WHERE operator_id = ? AND mode = ? AND date = ?
            """,
            [scope.operatorID, scope.mode, date.description])
        else { return nil }
        return UsageRollup(
            id: try row.get("id"), operatorID: scope.operatorID, date: date.description, windowStart: try row.get("window_start"),
            windowEnd: try row.get("window_end"), strategyDays: try row.get("strategy_days"), amountPaise: try row.get("amount_paise"),
            strategyDayPricePaise: try row.get("strategy_day_price_paise"), currency: Billing.currency,
            byPlan: try UsageDays.lines(scope, from: date, to: date, groupBy: .plan, tx),
            byBroker: try UsageDays.lines(scope, from: date, to: date, groupBy: .broker, tx),
            walletEntryID: try row.get("wallet_entry_id"), walletBalancePaise: try row.get("wallet_balance_paise"),
            livemode: scope.isLive, createdAt: try row.get("created_at"))
    }
}
