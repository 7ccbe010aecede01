import HTTPAPI
import HTTPServer

extension HTTPResponse {
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (`.null` when it is not JSON, which the assertions then reveal).
    public var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// The `field`s of a problem's `errors`.
    public var errorFields: [String] {
        guard case .array(let errors)? = json["errors"] else { return [] }
        return errors.compactMap { if case .string(let field)? = $0["field"] { field } else { nil } }
    }
}

extension JSONValue {
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// A whole number's value; nil for anything else.
    public var int: Int? { if case .number(let text) = self { Int(text) } else { nil } }
}
