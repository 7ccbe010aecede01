import Kernel

/// One line of a wallet's ledger: a credit (top-up) or a debit (a day's usage), with the balance after it.
///
/// The ledger is append-only; the balance is never stored anywhere but on its entries, so it always equals the
/// sum of what came before.
public struct WalletEntry: Codable, Sendable, Equatable {
    /// Which way the money moved.
    public enum Kind: String, Codable, Sendable, SQLValueConvertible {
        case credit
        case debit
    }

    /// Why the money moved; with `reference` it identifies the entry (one entry per reason and reference).
    public enum Reason: String, Codable, Sendable, SQLValueConvertible {
        /// Money paid in; `reference` is the payment's reference (idempotency key).
        case topUp = "top_up"
        /// A usage day's charge; `reference` is the usage date (`YYYY-MM-DD`).
        case usage
    }

    public var object = "wallet_entry"
    public let id: String
    public let type: Kind
    /// Always positive; `type` gives the direction.
    public let amountPaise: Int64
    public let balanceAfterPaise: Int64
    public let currency: String
    public let reason: Reason
    public let reference: String
    public let livemode: Bool
    public let createdAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case object, id, type, currency, reason, reference, livemode
        case amountPaise = "amount_paise", balanceAfterPaise = "balance_after_paise", createdAt = "created_at"
    }
}
