/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for a body. A named schema is written once under
/// `components/schemas` and referenced wherever it is used; an unnamed one is written inline.
public struct OpenAPISchema: Sendable {
    public let name: String?
    public let definition: JSONValue
    /// The named schemas `definition` refers to (through their ``reference``), so the document includes them.
    public let dependencies: [OpenAPISchema]

    /// A schema listed under `components/schemas/<name>`.
    public static func component(_ name: String, _ definition: JSONValue, uses dependencies: [OpenAPISchema] = []) -> OpenAPISchema {
        OpenAPISchema(name: name, definition: definition, dependencies: dependencies)
    }

    /// A schema written where it is used.
    public static func inline(_ definition: JSONValue, uses dependencies: [OpenAPISchema] = []) -> OpenAPISchema {
        OpenAPISchema(name: nil, definition: definition, dependencies: dependencies)
    }

    /// What to put where the schema is used: a `$ref` for a named schema, the definition otherwise.
    public var reference: JSONValue {
        guard let name else { return definition }
        return ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// This schema (when named) and every named schema it depends on, transitively.
    var namedSchemas: [OpenAPISchema] {
        (name == nil ? [] : [self]) + dependencies.flatMap(\.namedSchemas)
    }
}
