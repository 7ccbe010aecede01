import Kernel

/// Parses the markdown template format: a front-matter block between `---` lines, then the markdown body.
///
/// ```
/// ---
/// name: Nifty momentum
/// instruments: [NIFTY, BANKNIFTY]
/// max_open_positions: 3
/// parameters:
///   fast: 9
///   trail: true
/// ---
/// # How it trades …
/// ```
///
/// The front matter is a small, strict subset of YAML (see ``FrontMatterReader``). Errors name the line:
/// field `template`, message `line 4: max_open_positions must be an integer`.
///
/// Pure and total: any input returns a model or throws `invalid_template`; it never traps (it is a fuzz target).
public struct MarkdownTemplateParser: Sendable {
    public init() {}

    /// The normalised model, or `invalid_template` with every problem found as `line N: …`.
    public func parse(_ text: String) throws -> TemplateModel {
        try TemplateProblem.checkSize(text)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first, Self.isFence(first.drop { $0 == "\u{FEFF}" }) else {
            throw Self.error([(1, "the template must start with a '---' line that opens the front matter")])
        }
        guard let closing = lines.indices.dropFirst().first(where: { Self.isFence(lines[$0]) }) else {
            throw Self.error([(lines.count, "the front matter is never closed with a '---' line")])
        }
        var reader = FrontMatterReader()
        for index in 1..<closing { reader.read(lines[index], line: index + 1) }
        var draft = reader.draft
        draft.body = lines[(closing + 1)...].joined(separator: "\n")

        var problems = reader.problems.map(\.problem)
        if let model = TemplateRules.model(from: draft, problems: &problems) { return model }
        // Parser problems carry their line; rule problems point at their item's line, else their key's, else the
        // closing fence (a required key that is missing belongs at the end of the front matter).
        let parsed = reader.problems.count
        let located = problems.enumerated().map { offset, problem in
            let line = offset < parsed
                ? reader.problems[offset].line
                : reader.lineOf[problem.jsonPath] ?? reader.lineOf[problem.field.jsonPath] ?? closing + 1
            return (line, problem.markdownSubject.map { "\($0) \(problem.message)" } ?? problem.message)
        }
        throw Self.error(located.sorted { $0.0 < $1.0 })
    }

    private static func isFence(_ line: Substring) -> Bool {
        line.trimmingWhitespace() == "---"
    }

    private static func error(_ located: [(line: Int, message: String)]) -> DomainError {
        TemplateProblem.error(located.map { .init(field: "template", message: "line \($0.line): \($0.message)") })
    }
}
