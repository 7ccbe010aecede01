/// Why a body is not JSON, with the position a developer needs to find the mistake.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    /// 1-based line and column (in characters) of the offending input; nil for errors about the whole body.
    public let line: Int?
    public let column: Int?

    public var description: String {
        guard let line, let column else { return reason + "." }
        return "\(reason) at line \(line), column \(column)."
    }
}
