/// Decides when a wallet's balance is low and when an alert fires or re-arms. Pure: no I/O, no clock.
///
/// "Low" means the runway (balance ÷ daily burn) is under the threshold, compared exactly in integer paise
/// (`balance < threshold × burn`), or the balance is negative whatever the burn: billing never stops trading,
/// so an overdrawn wallet is itself the alarm. An alert fires once per crossing into "low" and re-arms only when
/// the wallet leaves "low" again (a top-up, pauses, a lower price or threshold).
struct LowBalancePolicy: Hashable, Sendable {
    /// What a state change means for the alert.
    enum Action: Equatable, Sendable {
        /// The wallet just crossed into "low": alert now.
        case alert
        /// The wallet is no longer low: arm the alert for the next crossing.
        case rearm
        /// Nothing changes.
        case none
    }

    /// The default alert threshold: a week of runway.
    static let defaultThresholdDays = 7
    /// The thresholds operators may choose.
    static let thresholdRange = 0...365

    let thresholdDays: Int

    init(thresholdDays: Int = Self.defaultThresholdDays) { self.thresholdDays = thresholdDays }

    /// Days of usage the balance pays for at `dailyBurnPaise`, rounded down to a tenth so it never overstates;
    /// 0 when the balance is zero or negative; nil when nothing burns (the runway is unbounded).
    static func runwayDays(balancePaise: Int64, dailyBurnPaise: Int64) -> Double? {
        guard dailyBurnPaise > 0 else { return nil }
        guard balancePaise > 0 else { return 0 }
        let (tenths, overflow) = balancePaise.multipliedReportingOverflow(by: 10)
        return overflow ? Double(balancePaise / dailyBurnPaise) : Double(tenths / dailyBurnPaise) / 10
    }

    /// Whether the wallet is below the threshold (or overdrawn).
    func isLow(balancePaise: Int64, dailyBurnPaise: Int64) -> Bool {
        if balancePaise < 0 { return true }
        return dailyBurnPaise > 0 && balancePaise < Int64(thresholdDays) * dailyBurnPaise
    }

    /// What to do after a change, given whether an alert already fired for the current crossing.
    func action(balancePaise: Int64, dailyBurnPaise: Int64, alerted: Bool) -> Action {
        switch (isLow(balancePaise: balancePaise, dailyBurnPaise: dailyBurnPaise), alerted) {
        case (true, false): .alert
        case (false, true): .rearm
        default: .none
        }
    }
}
