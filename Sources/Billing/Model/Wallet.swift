import Kernel

/// An operator's prepaid wallet in one mode: its balance, what it burns a day, how long that lasts, and the
/// alert settings. Live and test wallets are separate; test mode bills a sandbox wallet exactly like live.
public struct Wallet: Codable, Sendable, Equatable {
    public var object = "wallet"
    public let balancePaise: Int64
    public let currency: String
    /// Strategies live right now × the price of a strategy-day.
    public let dailyBurnPaise: Int64
    /// Balance ÷ daily burn in days, rounded down to a tenth (0 when the balance is not
    /// positive); nil when nothing burns.
    public let runwayDays: Double?
    public let lowBalanceThresholdDays: Int
    /// E.164; where low-balance alerts go on WhatsApp (nil: inbox only).
    public let alertWhatsAppNumber: String?
    public let livemode: Bool
    /// The newest ledger entries, newest first.
    public let recentEntries: [WalletEntry]

    enum CodingKeys: String, CodingKey {
        case object, currency, livemode
        case balancePaise = "balance_paise", dailyBurnPaise = "daily_burn_paise", runwayDays = "runway_days"
        case lowBalanceThresholdDays = "low_balance_threshold_days", alertWhatsAppNumber = "alert_whatsapp_number"
        case recentEntries = "recent_entries"
    }

    /// `runway_days` is always present, `null` when unbounded (clients should not have to guess at a missing key).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(balancePaise, forKey: .balancePaise)
        try container.encode(currency, forKey: .currency)
        try container.encode(dailyBurnPaise, forKey: .dailyBurnPaise)
        try container.encode(runwayDays, forKey: .runwayDays)
        try container.encode(lowBalanceThresholdDays, forKey: .lowBalanceThresholdDays)
        try container.encode(alertWhatsAppNumber, forKey: .alertWhatsAppNumber)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(recentEntries, forKey: .recentEntries)
    }
}

/// `PATCH /v1/wl/wallet`: every field optional.
public struct WalletUpdate: Decodable, Sendable {
    /// Alert when the runway drops under this many days (0…365).
    public var lowBalanceThresholdDays: Int?
    /// E.164 number for WhatsApp alerts; an empty string removes it.
    public var alertWhatsAppNumber: String?

    public init(lowBalanceThresholdDays: Int? = nil, alertWhatsAppNumber: String? = nil) {
        self.lowBalanceThresholdDays = lowBalanceThresholdDays
        self.alertWhatsAppNumber = alertWhatsAppNumber
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case lowBalanceThresholdDays = "low_balance_threshold_days", alertWhatsAppNumber = "alert_whatsapp_number"
    }
}
