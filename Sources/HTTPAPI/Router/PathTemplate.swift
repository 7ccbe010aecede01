/// A route's path with `:name` parameters, e.g. `/v1/wl/users/:id/strategies`.
///
/// The template text (not the request's path, which holds ids) is the route's name in logs and metrics.
public struct PathTemplate: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// One `/`-separated part: matched exactly, or captured under a name.
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    public let segments: [Segment]
    public let description: String

    /// Traps on a malformed template (no leading `/`, an empty segment, a bad or repeated parameter name): routes
    /// are written in code, so this is a programming error found by the first test that builds the Gateway.
    public init(_ text: String) {
        precondition(text.hasPrefix("/"), "path template \(text) must start with /")
        let parts = text == "/" ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        segments = parts.map { part in
            precondition(!part.isEmpty, "path template \(text) has an empty segment")
            guard part.hasPrefix(":") else { return .literal(String(part)) }
            let name = part.dropFirst()
            precondition(
                name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                "path template \(text) has a malformed parameter \(part)")
            return .parameter(String(name))
        }
        description = text
        precondition(Set(parameterNames).count == parameterNames.count, "path template \(text) repeats a parameter name")
    }

    public init(stringLiteral text: String) { self.init(text) }

    public var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The OpenAPI spelling: `/v1/wl/users/{id}/strategies`.
    public var openAPIPath: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
    }
}
