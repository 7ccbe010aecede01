import Kernel

extension Billing {
    /// Rolls up `date` (for one operator or all, one mode or both) and returns each wallet's result.
    ///
    /// Idempotent: a day already rolled up returns its stored result and charges nothing more. Any earlier days
    /// still due for those wallets are rolled up first, so days are always charged in date order.
    /// Throws `conflict/window_open` while the day's window has not closed, `notFound` for an unknown operator.
    public func rollup(date: CivilDate, operatorID: String? = nil, mode: Mode? = nil) async throws -> [UsageRollup] {
        let window = UsageWindow(date: date)
        guard window.isClosed(at: clock.now()) else {
            throw DomainError(.conflict, code: .windowOpen, "The usage day \(date) closes at \(window.end); roll it up after that.")
        }
        try await rollUp(through: date, operatorID: operatorID, mode: mode)
        let alerts = self.alerts
        return try await database.write { tx in
            // Only a day before the operator was known can still be missing here; it is rolled up (to zero) now. A
            // sandbox whose test clock has not reached the day's end is left out.
            try Rollups.targets(operatorID: operatorID, mode: mode, tx).filter { window.isClosed(at: tx.now(for: $0.scope)) }.map {
                tx.useClock(of: $0.scope)
                return try Rollups.perform($0.scope, date: date, alerts: alerts, tx).rollup
            }
        }
    }

    /// Rolls up every closed day not yet rolled up, for every known operator and both modes, oldest day first; a
    /// sandbox on a test clock up to its clock. Returns the roll-ups it performed (none when all was up to date).
    ///
    /// Events committed before a window closed must have reached ``meter`` first; the scheduler drains it.
    @discardableResult
    public func runDueRollups() async throws -> [UsageRollup] {
        try await rollUp(through: nil, operatorID: nil, mode: nil)
    }

    /// Runs the daily roll-up until the task is cancelled: at once on start (catching up any days missed while the
    /// server was down), then at every 18:30 IST.
    ///
    /// Before each pass it drains ``meter``: the database serialises transactions, so once the clock has passed
    /// 18:30 every event stamped before it is already committed, and after the drain it is metered too.
    public func runRollupScheduler(bus: EventBus) async {
        while !Task.isCancelled {
            do {
                try await bus.drain([meter.name])
                try await runDueRollups()
                try await clock.sleep(until: UsageWindow.containing(clock.now()).end)
            } catch is CancellationError {
                return
            } catch {
                logger.error("billing roll-up failed; retrying", ["error": "\(error)", "retry_in_ms": "\(settings.rollupRetryDelay.milliseconds)"])
                do { try await clock.sleep(for: settings.rollupRetryDelay) } catch { return }
            }
        }
    }

    /// Rolls up each due day in its own transaction, at its wallet's time, in date order. Returns those it performed.
    @discardableResult
    func rollUp(through last: CivilDate?, operatorID: String?, mode: Mode?) async throws -> [UsageRollup] {
        let due = try await database.read { tx in try Rollups.due(through: last, operatorID: operatorID, mode: mode, tx) }
        let alerts = self.alerts
        var performed = [UsageRollup]()
        for day in due {
            let (rollup, isNew) = try await database.write(for: day.scope) { tx in
                try Rollups.perform(day.scope, date: day.date, alerts: alerts, tx)
            }
            guard isNew else { continue }
            performed.append(rollup)
            guard rollup.strategyDays > 0 else { continue }
            logger.info("usage rolled up", [
                "operator_id": rollup.operatorID, "mode": day.scope.mode.rawValue, "date": rollup.date,
                "strategy_days": "\(rollup.strategyDays)", "amount_paise": "\(rollup.amountPaise)",
            ])
        }
        return performed
    }
}
