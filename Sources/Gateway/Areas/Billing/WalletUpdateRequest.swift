import Billing
import HTTPAPI

/// The body of `PATCH /v1/wl/wallet`. Every field is optional; a field left out keeps its value.
///
/// `alert_whatsapp_number: null` removes the number, so a client sends the value it wants the wallet to show (the
/// wallet shows `null` when there is none). An empty string is refused rather than read as "remove": a blank form
/// field must not switch WhatsApp alerts off unnoticed. `low_balance_threshold_days` cannot be null, because every
/// wallet has a threshold; the number's format and the threshold's range are checked by ``Billing``.
struct WalletUpdateRequest: Decodable {
    let update: WalletUpdate

    enum CodingKeys: String, CodingKey, CaseIterable {
        case lowBalanceThresholdDays = "low_balance_threshold_days", alertWhatsAppNumber = "alert_whatsapp_number"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var update = WalletUpdate()
        if container.contains(.lowBalanceThresholdDays) {
            update.lowBalanceThresholdDays = try container.decode(Int.self, forKey: .lowBalanceThresholdDays)
        }
        if container.contains(.alertWhatsAppNumber) {
            update.alertWhatsAppNumber = try Self.number(in: container)
        }
        self.update = update
    }

    /// The number to set, or `""` (``WalletUpdate``'s "remove") for `null`.
    private static func number(in container: KeyedDecodingContainer<CodingKeys>) throws -> String {
        if try container.decodeNil(forKey: .alertWhatsAppNumber) { return "" }
        let number = try container.decode(String.self, forKey: .alertWhatsAppNumber)
        guard !number.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .alertWhatsAppNumber, in: container, debugDescription: "Expected an E.164 number; send null to remove it.")
        }
        return number
    }
}
