import HTTPAPI
import Kernel

/// The body of `POST /v1/admin/operators/:id/wallet/credits`: money an operator paid in.
///
/// ``Billing`` checks the amount. The reference is held to a stricter rule here than the domain's "1–255
/// characters": printable ASCII without spaces, which every payment id and bank UTR satisfies, and which the OpenAPI
/// document can state exactly as a pattern (JSON Schema counts code points, Swift counts grapheme clusters, and
/// the two agree on ASCII), so the contract and the server accept the same strings.
struct CreditRequest: Decodable {
    let amountPaise: Int64
    /// The payment's id: the idempotency key of the credit.
    let reference: String
    /// The wallet to credit; nil (absent or `null`) is the live wallet.
    let mode: Mode?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case amountPaise = "amount_paise", reference, mode
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amountPaise = try container.decode(Int64.self, forKey: .amountPaise)
        reference = try container.decode(String.self, forKey: .reference)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode)
        guard Self.isValidReference(reference) else {
            throw DecodingError.dataCorruptedError(
                forKey: .reference, in: container, debugDescription: "Expected 1–255 printable ASCII characters without spaces.")
        }
    }

    /// 1–255 bytes, each a printable ASCII character other than space (`!`…`~`).
    static func isValidReference(_ text: String) -> Bool {
        (1...255).contains(text.utf8.count) && text.utf8.allSatisfy { (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) }
    }
}
