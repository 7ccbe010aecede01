/// Small builders for the JSON Schemas the API areas document, so each schema reads as its fields.
public enum JSONSchema {
    /// An object with exactly these properties; `required` lists the ones always present. Request bodies pass
    /// `closed: true` (the server refuses unknown fields, so the document says so).
    /// A closed object is a request body: the strict decoder reads `null` for an optional member as leaving it out,
    /// so its optional members also admit `null`.
    public static func object(_ properties: [String: JSONValue], required: [String] = [], closed: Bool = false, description: String? = nil) -> JSONValue {
        let members = closed
            ? properties.reduce(into: [String: JSONValue]()) { result, member in
                result[member.key] = required.contains(member.key) ? member.value : ["anyOf": [member.value, ["type": "null"]]]
            }
            : properties
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(members)]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map { .string($0) }) }
        if closed { schema["additionalProperties"] = false }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// A `pattern` the whole string must match. Not `^…$`: in Python's regex dialect, which jsonschema and
    /// schemathesis use, `$` also matches before a final newline, so `"+919876543210\n"` would satisfy the schema yet
    /// be refused by the server. An end-of-input lookahead means the same in Python and ECMA-262.
    public static func wholeString(_ regex: String) -> JSONValue { .string("^(?:\(regex))(?![\\s\\S])") }

    public static let string: JSONValue = ["type": "string"]

    /// A string the server trims before checking its length: it must hold something other than white space.
    public static func trimmedString(length: ClosedRange<Int>) -> JSONValue {
        string(length: length, pattern: "[\\s\\S]*\\S[\\s\\S]*")
    }
    public static let integer: JSONValue = ["type": "integer"]
    public static let boolean: JSONValue = ["type": "boolean"]
    public static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    public static let nullableString: JSONValue = ["type": ["string", "null"]]
    public static let nullableDateTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]
    public static let nullableInteger: JSONValue = ["type": ["integer", "null"]]
    public static let mode: JSONValue = ["type": "string", "enum": ["live", "test"]]

    /// A string that must be one of `values`.
    public static func oneOf(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    /// A string that is always `value`, e.g. the `object` member of a resource (`"object": "user"`). Written as a
    /// one-value `enum`, not `const`, which SDK generators read unevenly.
    public static func constant(_ value: String, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "enum": [.string(value)]]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// An integer that is always `value`.
    public static func constant(_ value: Int) -> JSONValue { ["type": "integer", "enum": [.number(String(value))]] }

    /// A boolean that is always true when present (a marker such as `deleted` or `test`).
    public static func alwaysTrue(_ description: String) -> JSONValue { ["type": "boolean", "enum": [true], "description": .string(description)] }

    /// An integer within bounds.
    public static func integer(_ range: ClosedRange<Int64>) -> JSONValue {
        ["type": "integer", "minimum": .number(String(range.lowerBound)), "maximum": .number(String(range.upperBound))]
    }

    /// A string of bounded length, optionally matching `pattern`.
    public static func string(length: ClosedRange<Int>, pattern: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "minLength": .number(String(length.lowerBound)), "maxLength": .number(String(length.upperBound))]
        if let pattern { schema["pattern"] = wholeString(pattern) }
        return .object(schema)
    }

    /// Either `schema` or null.
    public static func nullable(_ schema: OpenAPISchema) -> JSONValue { ["oneOf": [schema.reference, ["type": "null"]]] }
}
