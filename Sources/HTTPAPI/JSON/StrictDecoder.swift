/// Decodes request bodies into plain `Decodable` structs, refusing anything the struct did not ask for.
///
/// Bodies must be JSON objects: a top-level object can gain fields compatibly, an array or scalar never can, so the
/// API never accepts one. The decode itself is ``ValueDecoder`` (no coercions) with ``KeyUsage`` (unknown fields at
/// any depth, including inside arrays); it reports every field at fault, not only the first (``DecodeSession``).
public enum StrictDecoder {
    /// Throws ``StrictDecodingError``, or whatever non-decoding error the type's own `init(from:)` throws (a
    /// ``DomainError`` is reported as such).
    public static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        let root: JSONValue
        do {
            root = try JSONParser.parse(body)
        } catch {
            throw StrictDecodingError.malformed(error.description)
        }
        guard case .object = root else {
            throw StrictDecodingError.malformed("The body must be a JSON object, not \(root.kindDescription).")
        }
        let session = DecodeSession()
        let value: T
        do {
            value = try ValueDecoder.decode(T.self, from: root, at: [], session: session)
        } catch let error as DecodingError {
            session.record(error)
            throw StrictDecodingError.invalid(sorted(session.keys.declaredUnknownFields + session.errors))
        }
        let problems = session.errors + session.keys.unreadFields
        guard problems.isEmpty else { throw StrictDecodingError.invalid(sorted(problems)) }
        return value
    }

    /// By field, each once.
    private static func sorted(_ errors: [FieldError]) -> [FieldError] {
        var seen = Set<FieldError>()
        return errors.filter { seen.insert($0).inserted }.sorted { $0.field < $1.field }
    }
}
