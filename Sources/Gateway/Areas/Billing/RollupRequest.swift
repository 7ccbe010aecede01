import HTTPAPI
import Kernel

/// The body of `POST /v1/admin/billing/rollups`: which usage day to roll up, for one operator or all, in one mode
/// or both.
struct RollupRequest: Decodable {
    /// The usage day, named after the date its window closes (18:30 IST).
    let date: CivilDate
    /// nil (absent or `null`): every known operator.
    let operatorID: String?
    /// nil (absent or `null`): both modes.
    let mode: Mode?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case date, operatorID = "operator_id", mode
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .date)
        operatorID = try container.decodeIfPresent(String.self, forKey: .operatorID)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(forKey: .date, in: container, debugDescription: "Expected a date like 2026-11-25.")
        }
        self.date = date
    }
}
