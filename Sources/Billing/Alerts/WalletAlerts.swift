import Kernel

/// Re-checks a wallet after anything that moves its balance or burn, inside that change's transaction.
///
/// On a crossing into "low" it publishes `wallet.low_balance`, adds the inbox item and queues the WhatsApp alert,
/// all in the caller's transaction, so the alert exists exactly when the change that caused it does.
struct WalletAlerts: Sendable {
    /// Whether the server has WhatsApp credentials; without them items are recorded `not_configured`.
    let whatsAppConfigured: Bool

    func recheck(_ scope: TenantScope, _ tx: Transaction) throws {
        let wallet = try WalletSnapshot.load(scope, tx)
        switch wallet.policy.action(balancePaise: wallet.balancePaise, dailyBurnPaise: wallet.dailyBurnPaise, alerted: wallet.alerted) {
        case .none:
            return
        case .rearm:
            try setAlerted(false, scope, tx)
        case .alert:
            try setAlerted(true, scope, tx)
            let payload = wallet.lowBalancePayload
            try tx.publish(NewEvent(type: BillingEvent.walletLowBalance, tenant: scope.operatorID, mode: scope.mode, payload: payload))
            let status: WhatsAppStatus = !whatsAppConfigured ? .notConfigured : wallet.alertNumber == nil ? .noNumber : .pending
            try Inbox.insert(LowBalanceNotice(payload: payload, mode: scope.mode), whatsapp: status, to: wallet.alertNumber, scope, tx)
        }
    }

    /// Re-checks both wallets of an operator (a price change moves both burns).
    func recheckBothModes(_ operatorID: String, _ tx: Transaction) throws {
        for mode in Mode.allCases { try recheck(TenantScope(operatorID: operatorID, mode: mode), tx) }
    }

    private func setAlerted(_ alerted: Bool, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute("UPDATE billing_wallets SET low_balance_alerted = ? WHERE operator_id = ? AND mode = ?",
                       [alerted, scope.operatorID, scope.mode])
    }
}
