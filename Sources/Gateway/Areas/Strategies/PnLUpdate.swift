import Kernel

/// The body of `POST /v1/admin/strategies/:id/pnl`: the trading engine's figures as of a moment,
/// `{"realized_paise": 125000, "unrealized_paise": -4000, "as_of": "2026-11-25T10:15:00Z"}`.
struct PnLUpdate: Decodable {
    let realizedPaise: Int64
    let unrealizedPaise: Int64
    /// RFC 3339; reports can arrive out of order and this orders them.
    let asOf: Timestamp

    enum CodingKeys: String, CodingKey, CaseIterable {
        case realizedPaise = "realized_paise", unrealizedPaise = "unrealized_paise", asOf = "as_of"
    }
}
