/// The body of `POST /v1/client/strategies/:id/pause`, which may be omitted: `{}`, the object with no fields
/// (so one a later version adds cannot be sent today and silently ignored).
struct PauseRequest: Decodable {
    private enum CodingKeys: CodingKey, CaseIterable {}

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: CodingKeys.self)
    }
}
