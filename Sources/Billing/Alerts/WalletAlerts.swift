import Kernel

/// The operator's alerts, raised inside the transaction of the change or event that causes them: a wallet re-checked
/// after anything that moves its balance or burn, and a webhook endpoint the platform disabled.
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
            let (status, number) = try Inbox.whatsApp(configured: whatsAppConfigured, scope, tx)
            try Inbox.insert(LowBalanceNotice(payload: payload, mode: scope.mode), whatsapp: status, to: number, scope, tx)
        }
    }

    /// Tells the operator that Webhooks disabled an endpoint: an inbox item and its WhatsApp copy.
    func endpointDisabled(_ alert: EndpointDisabledAlert, _ scope: TenantScope, _ tx: Transaction) throws {
        let (status, number) = try Inbox.whatsApp(configured: whatsAppConfigured, scope, tx)
        try Inbox.insert(EndpointDisabledNotice(payload: alert, mode: scope.mode), whatsapp: status, to: number, scope, tx)
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
