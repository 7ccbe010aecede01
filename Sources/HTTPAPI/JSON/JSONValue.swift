/// A JSON document as a value: what the strict body decoder reads and what the OpenAPI document and problem
/// responses are built from.
///
/// Numbers keep their literal text, so nothing is rounded on the way through: the decoder parses the text into the
/// type the request struct asks for and refuses what does not fit (`1.5` for an `Int`, `300` for a `UInt8`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's JSON text, e.g. `42`, `-0.5`, `1e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The kind of value with its article, for messages such as "Expected a string, found an array.".
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}
