/// The single-value container of ``ValueDecoder`` (used by `Optional`, `RawRepresentable` enums and wrappers).
struct ValueSingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueDecoder.decode(T.self, from: decoder.value, at: decoder.codingPath, session: decoder.session)
    }
}
