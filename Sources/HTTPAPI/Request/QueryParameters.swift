/// The decoded query string, with typed readers that answer 400 `invalid_parameter` naming the parameter.
public struct QueryParameters: Sendable {
    public let items: [(name: String, value: String)]

    public init(_ items: [(name: String, value: String)]) { self.items = items }

    /// The first value of `name`.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// The integer value of `name`, nil when absent.
    public func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = self[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw invalid(name, "Expected an integer between \(range.lowerBound) and \(range.upperBound).")
        }
        return value
    }

    /// The boolean value of `name` (`true` or `false`), nil when absent.
    public func bool(_ name: String) throws(APIError) -> Bool? {
        switch self[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw invalid(name, "Expected true or false.")
        }
    }

    private func invalid(_ name: String, _ message: String) -> APIError {
        APIError(.invalidParameter, "The query parameter \(name) is invalid.", fieldErrors: [FieldError(field: name, message: message)])
    }
}
