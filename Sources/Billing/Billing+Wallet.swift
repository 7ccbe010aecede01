import Kernel

extension Billing {
    /// The wallet of `scope`: balance, burn, runway, alert settings and the newest entries.
    public func wallet(_ scope: TenantScope) async throws -> Wallet {
        let limit = settings.recentEntries
        return try await database.read { tx in try Self.wallet(scope, recentEntries: limit, tx) }
    }

    /// Credits a top-up to the operator's wallet in `mode`.
    ///
    /// Idempotent by `reference` (the payment's id): the same reference again returns the existing entry with `isNew`
    /// false (so the API can answer a replay 200 rather than 201); the same reference with another amount is
    /// `conflict/reference_reused`. A top-up that lifts the runway back over the threshold re-arms the low-balance
    /// alert. Unknown operator: `notFound`.
    @discardableResult
    public func credit(operatorID: String, amountPaise: Int64, reference: String, mode: Mode = .live) async throws
        -> (entry: WalletEntry, isNew: Bool) {
        guard (1...Self.maximumCreditPaise).contains(amountPaise) else {
            throw DomainError.invalidField("amount_paise", "must be 1…\(Self.maximumCreditPaise)")
        }
        guard (1...255).contains(reference.count), !reference.allSatisfy(\.isWhitespace) else {
            throw DomainError.invalidField("reference", "must be 1–255 characters")
        }
        let scope = TenantScope(operatorID: operatorID, mode: mode), alerts = self.alerts
        return try await database.write(for: scope) { tx in
            _ = try OperatorBook.entry(operatorID, tx)
            if let existing = try Ledger.entry(reason: .topUp, reference: reference, scope, tx) {
                guard existing.amountPaise == amountPaise else {
                    throw DomainError(.conflict, code: .referenceReused,
                                      "The reference '\(reference)' was already credited with \(existing.amountPaise) paise.",
                                      extensions: ["existing_id": .string(existing.id)])
                }
                return (existing, false)
            }
            let entry = try Ledger.append(.credit, amountPaise: amountPaise, reason: .topUp, reference: reference, scope, tx)
            try alerts.recheck(scope, tx)
            return (entry, true)
        }
    }

    /// Changes the alert threshold and/or the WhatsApp number (an empty string removes it), then re-checks the
    /// runway against the new threshold in the same transaction.
    public func updateWallet(_ scope: TenantScope, _ update: WalletUpdate) async throws -> Wallet {
        if let days = update.lowBalanceThresholdDays, !LowBalancePolicy.thresholdRange.contains(days) {
            throw DomainError.invalidField("low_balance_threshold_days", "must be 0…365")
        }
        let number = try update.alertWhatsAppNumber.map { $0.isEmpty ? $0 : try PhoneNumber.e164($0, field: "alert_whatsapp_number") }
        let limit = settings.recentEntries, alerts = self.alerts
        return try await database.write(for: scope) { tx in
            _ = try WalletSnapshot.load(scope, tx)
            if let days = update.lowBalanceThresholdDays {
                try tx.execute("UPDATE billing_wallets SET low_balance_threshold_days = ? WHERE operator_id = ? AND mode = ?",
                               [days, scope.operatorID, scope.mode])
            }
            if let number {
                try tx.execute("UPDATE billing_wallets SET alert_whatsapp_number = NULLIF(?, '') WHERE operator_id = ? AND mode = ?",
                               [number, scope.operatorID, scope.mode])
            }
            try alerts.recheck(scope, tx)
            return try Self.wallet(scope, recentEntries: limit, tx)
        }
    }

    static func wallet(_ scope: TenantScope, recentEntries: Int, _ tx: Transaction) throws -> Wallet {
        let snapshot = try WalletSnapshot.load(scope, tx)
        return Wallet(
            balancePaise: snapshot.balancePaise, currency: currency, dailyBurnPaise: snapshot.dailyBurnPaise,
            runwayDays: snapshot.runwayDays, lowBalanceThresholdDays: snapshot.policy.thresholdDays,
            alertWhatsAppNumber: snapshot.alertNumber, livemode: scope.isLive,
            recentEntries: try Ledger.recent(scope, limit: recentEntries, tx))
    }
}
