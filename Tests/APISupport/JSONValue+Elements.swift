import HTTPAPI

extension JSONValue {
    /// The elements of an array; empty for any other value.
    public var elements: [JSONValue] { if case .array(let elements) = self { elements } else { [] } }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? { elements.indices.contains(index) ? elements[index] : nil }
}
