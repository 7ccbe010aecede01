import Kernel

/// The words of a low-balance alert, shared by the inbox item and the WhatsApp template so both say the same.
///
/// The WhatsApp template (`low_balance_alert` unless configured otherwise) takes four body parameters:
/// the mode (`live`/`test`), the balance (`₹1,234.50`), the runway in days (`2.5`, or `n/a` when nothing burns)
/// and the threshold in days.
struct LowBalanceNotice: AlertNotice, Equatable {
    let payload: LowBalancePayload
    let mode: Mode

    var type: String { BillingEvent.walletLowBalance }

    var data: InboxItemData { .lowBalance(payload) }

    var title: String { mode == .live ? "Wallet balance low" : "Test wallet balance low" }

    var body: String {
        let balance = Rupees.format(payload.balancePaise)
        if payload.balancePaise < 0 {
            return "Your \(mode.rawValue) wallet is overdrawn at \(balance). Strategies keep trading; top up to settle the balance."
        }
        return "Your \(mode.rawValue) wallet has \(balance) left: \(runway) days at \(Rupees.format(payload.dailyBurnPaise)) a day, "
            + "under your alert threshold of \(payload.thresholdDays) days. Top up to keep your runway."
    }

    var templateParameters: [String] {
        [mode.rawValue, Rupees.format(payload.balancePaise), runway, String(payload.thresholdDays)]
    }

    private var runway: String { payload.runwayDays.map { String($0) } ?? "n/a" }
}
