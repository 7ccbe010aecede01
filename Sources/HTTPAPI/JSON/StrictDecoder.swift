/// Decodes request bodies into plain `Decodable` structs, refusing anything the struct did not ask for.
///
/// Bodies must be JSON objects: a top-level object can gain fields compatibly, an array or scalar never can, so the
/// API never accepts one. The decode itself is ``ValueDecoder`` (no coercions) with ``KeyUsage`` (unknown fields at
/// any depth, including inside arrays).
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
        let usage = KeyUsage()
        let value: T
        do {
            value = try ValueDecoder.decode(T.self, from: root, at: [], usage: usage)
        } catch let error as DecodingError {
            throw StrictDecodingError.invalid(merge(usage.declaredUnknownFields, fieldError(error)))
        }
        let unknown = usage.unreadFields
        guard unknown.isEmpty else { throw StrictDecodingError.invalid(unknown) }
        return value
    }

    private static func fieldError(_ error: DecodingError) -> FieldError {
        switch error {
        case .keyNotFound(let key, let context):
            FieldError(field: FieldPath.render(context.codingPath + [key]), message: "Required field is missing.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            FieldError(field: FieldPath.render(context.codingPath), message: context.debugDescription)
        @unknown default:
            FieldError(field: "", message: "Invalid value.")
        }
    }

    private static func merge(_ unknown: [FieldError], _ failure: FieldError) -> [FieldError] {
        (unknown + [failure]).sorted { $0.field < $1.field }
    }
}
