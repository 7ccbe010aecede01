/// A documented query parameter. (Path parameters are documented from the route's template automatically.)
public struct OpenAPIParameter: Sendable {
    public let name: String
    public let description: String
    public let required: Bool
    public let schema: JSONValue

    public static func query(_ name: String, _ description: String, schema: JSONValue, required: Bool = false) -> OpenAPIParameter {
        OpenAPIParameter(name: name, description: description, required: required, schema: schema)
    }

    var json: JSONValue {
        ["name": .string(name), "in": "query", "description": .string(description), "required": .bool(required), "schema": schema]
    }
}
