/// Decides when a wallet's balance is low and when an alert fires or re-arms. Pure: no I/O, no clock.
///
/// "Low" means the runway (balance ÷ daily burn) is under the threshold, compared exactly in integer paise
/// (`balance < threshold × burn`), or the balance is negative whatever the burn: billing never stops trading,
/// so an overdrawn wallet is itself the alarm. An alert fires once per crossing into "low" and re-arms only when
/// the runway is back at or over the threshold (a top-up, fewer live strategies, a lower price or threshold). With
/// nothing live there is no runway to compare: that neither alerts nor re-arms, so pausing every strategy and
/// deploying again at the same balance is still the same crossing.
struct LowBalancePolicy: Hashable, Sendable {
    /// Where a wallet stands against the threshold.
    enum Standing: Equatable, Sendable {
        /// Under the threshold, or overdrawn.
        case low
        /// At or over the threshold.
        case healthy
        /// Nothing burns and nothing is owed: there is no runway to compare.
        case unmeasured
    }

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

    func standing(balancePaise: Int64, dailyBurnPaise: Int64) -> Standing {
        if balancePaise < 0 { return .low }
        guard dailyBurnPaise > 0 else { return .unmeasured }
        return balancePaise < Int64(thresholdDays) * dailyBurnPaise ? .low : .healthy
    }

    /// Whether the wallet is below the threshold (or overdrawn).
    func isLow(balancePaise: Int64, dailyBurnPaise: Int64) -> Bool {
        standing(balancePaise: balancePaise, dailyBurnPaise: dailyBurnPaise) == .low
    }

    /// What to do after a change, given whether an alert already fired for the current crossing.
    func action(balancePaise: Int64, dailyBurnPaise: Int64, alerted: Bool) -> Action {
        switch (standing(balancePaise: balancePaise, dailyBurnPaise: dailyBurnPaise), alerted) {
        case (.low, false): .alert
        case (.healthy, true): .rearm
        default: .none
        }
    }
}
