import Kernel

/// A wallet's state read in one transaction: everything the wallet view and the low-balance check need.
struct WalletSnapshot {
    let balancePaise: Int64
    let pricePaise: Int64
    let liveStrategies: Int
    let policy: LowBalancePolicy
    let alertNumber: String?
    /// Whether an alert already fired for the current crossing into "low".
    let alerted: Bool

    var dailyBurnPaise: Int64 { Int64(liveStrategies) * pricePaise }
    var runwayDays: Double? { LowBalancePolicy.runwayDays(balancePaise: balancePaise, dailyBurnPaise: dailyBurnPaise) }

    var lowBalancePayload: LowBalancePayload {
        LowBalancePayload(balancePaise: balancePaise, dailyBurnPaise: dailyBurnPaise, runwayDays: runwayDays, thresholdDays: policy.thresholdDays)
    }

    /// The wallet of `scope`; `notFound` when Billing does not know the operator.
    static func load(_ scope: TenantScope, _ tx: Transaction) throws -> WalletSnapshot {
        let book = try OperatorBook.entry(scope.operatorID, tx)
        guard let row = try tx.queryOne(
            "SELECT low_balance_threshold_days, alert_whatsapp_number, low_balance_alerted FROM billing_wallets WHERE operator_id = ? AND mode = ?",
            [scope.operatorID, scope.mode])
        else { throw DomainError.notFound("wallet", scope.description) }
        return WalletSnapshot(
            balancePaise: try Ledger.balance(scope, tx), pricePaise: book.pricePaise, liveStrategies: try LiveIntervals.liveCount(scope, tx),
            policy: LowBalancePolicy(thresholdDays: try row.get("low_balance_threshold_days")),
            alertNumber: try row.get("alert_whatsapp_number"), alerted: try row.get("low_balance_alerted"))
    }
}
