import Kernel

extension JSONValue {
    /// A Kernel ``AnyJSON`` (a domain error's problem members) as a `JSONValue`.
    init(_ value: AnyJSON) {
        switch value {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .number(String(value))
        case .number(let value): self = .number(String(value))
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(JSONValue.init))
        case .object(let members): self = .object(members.mapValues(JSONValue.init))
        }
    }
}
