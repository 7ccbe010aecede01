/// The decoded query string of a request, checked against the parameters its route declares, with typed readers
/// that answer 400 `invalid_parameter` naming the parameter.
public struct QueryParameters: Sendable {
    public let items: [(name: String, value: String)]
    /// The route's declared parameters (its OpenAPI operation's): the only names a request may send and a handler
    /// may read.
    let declared: Set<String>

    /// Throws 400 `invalid_parameter` naming every parameter outside `declared`: a misspelt or unsupported filter
    /// is refused rather than silently ignored.
    public init(_ items: [(name: String, value: String)], declared: Set<String>) throws(APIError) {
        var unknown = [String]()
        for (name, _) in items where !declared.contains(name) && !unknown.contains(name) { unknown.append(name) }
        guard unknown.isEmpty else {
            throw APIError(
                .invalidParameter, "Unknown query parameter\(unknown.count == 1 ? "" : "s"): \(unknown.joined(separator: ", ")).",
                fieldErrors: unknown.map { FieldError(field: $0, message: "Unknown query parameter.") })
        }
        self.items = items
        self.declared = declared
    }

    /// The first value of `name`. Traps for a name the route does not declare: the handler reads a parameter the
    /// OpenAPI document does not list (and the Gateway would refuse), a wiring bug found by the first test.
    public subscript(name: String) -> String? {
        precondition(declared.contains(name), "the route reads query parameter \(name) but does not declare it")
        return items.first { $0.name == name }?.value
    }

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
