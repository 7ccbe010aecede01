/// The body of `POST /v1/admin/strategies/:id/risk-breach`, which may be omitted: `{"reason"?: "<text>"}`.
struct RiskBreach: Decodable {
    /// The engine's explanation, written to the server log with the pause (the strategy shows `risk_limit`).
    let reason: String?

    /// In Unicode scalars, the unit JSON Schema's `maxLength` counts, so the document states the rule exactly.
    static let maximumReasonLength = 500

    enum CodingKeys: CodingKey, CaseIterable { case reason }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        if let reason, reason.unicodeScalars.count > Self.maximumReasonLength {
            throw DecodingError.dataCorruptedError(
                forKey: .reason, in: container, debugDescription: "Must be at most \(Self.maximumReasonLength) characters.")
        }
    }
}
