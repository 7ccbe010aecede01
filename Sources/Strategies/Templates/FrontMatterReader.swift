/// Reads the front matter of a markdown template line by line into a ``TemplateDraft``.
///
/// The grammar, a strict subset of YAML:
/// - one `key: value` per line, keys as in the JSON format except that `max_daily_loss_paise` and
///   `max_open_positions` sit at the top level; each key at most once;
/// - blank lines and lines starting with `#` are ignored; there are no inline comments (`#` inside a value is text);
/// - `instruments` is an inline list `[A, B]` or, with no value, the `- A` lines that follow it;
/// - `parameters`, with no value, takes the indented `name: value` lines that follow it;
/// - a value may be quoted, `"…"` (with `\"` and `\\` escapes) or `'…'` (with `''` for a quote);
/// - a parameter value is `true`/`false`, a number in JSON's syntax, or else text.
struct FrontMatterReader {
    private(set) var draft = TemplateDraft()
    /// Problems in reading, each with its line (1-based in the whole template).
    private(set) var problems: [(line: Int, problem: TemplateProblem)] = []
    /// The line of each key and item read, by JSON path (`instruments`, `instruments[1]`, `parameters.fast`).
    private(set) var lineOf: [String: Int] = [:]
    private var seenKeys: Set<String> = []
    private var block = Block.none

    /// The multi-line value the following lines belong to.
    private enum Block { case none, instruments, parameters }

    private static let keys: [String: TemplateField] = Dictionary(
        uniqueKeysWithValues: [TemplateField.name, .summary, .instruments, .parameters, .maxDailyLossPaise, .maxOpenPositions, .capitalRequiredPaise]
            .compactMap { field in field.markdownKey.map { ($0, field) } })

    mutating func read(_ raw: Substring, line: Int) {
        let text = raw.trimmingWhitespace()
        if text.isEmpty || text.hasPrefix("#") { return }
        let indented = raw.first?.isWhitespace == true
        if block == .instruments, text.hasPrefix("-") {
            listItem(text.dropFirst().trimmingWhitespace(), line: line)
            return
        }
        if block == .parameters, indented {
            parameter(text, line: line)
            return
        }
        block = .none
        guard !indented else { return report(.document, "is an unexpected indented line", line: line) }
        guard let colon = text.firstIndex(of: ":") else { return report(.document, "expected 'key: value'", line: line) }
        entry(key: String(text[..<colon].trimmingWhitespace()), value: text[text.index(after: colon)...].trimmingWhitespace(), line: line)
    }

    private mutating func entry(key: String, value: Substring, line: Int) {
        guard let field = Self.keys[key] else { return report(.document, "has an unknown key '\(key)'", line: line) }
        guard seenKeys.insert(key).inserted else { return report(field, "appears more than once", line: line) }
        lineOf[field.jsonPath] = line
        switch field {
        case .name, .summary:
            guard let text = FrontMatterScalar.unquote(value) else { return report(field, "has an unterminated quote", line: line) }
            if field == .name { draft.name = text } else { draft.summary = text }
        case .instruments:
            if value.isEmpty {
                draft.instruments = []
                block = .instruments
            } else if let items = FrontMatterScalar.inlineList(value) {
                draft.instruments = items
            } else {
                report(field, "must be a list: [A, B] on this line, or '- A' lines below it", line: line)
            }
        case .parameters:
            guard value.isEmpty else { return report(field, "takes indented 'name: value' lines below it, not a value", line: line) }
            block = .parameters
        case .maxDailyLossPaise, .maxOpenPositions, .capitalRequiredPaise:
            guard let number = Int64(value) else { return report(field, "must be an integer", line: line) }
            switch field {
            case .maxDailyLossPaise: draft.maxDailyLossPaise = number
            case .maxOpenPositions: draft.maxOpenPositions = number
            default: draft.capitalRequiredPaise = number
            }
        case .body, .document:
            break
        }
    }

    private mutating func listItem(_ value: Substring, line: Int) {
        let index = draft.instruments?.count ?? 0
        guard let text = FrontMatterScalar.unquote(value) else {
            return report(.instruments, item: "[\(index)]", "has an unterminated quote", line: line)
        }
        lineOf["instruments[\(index)]"] = line
        draft.instruments?.append(text)
    }

    private mutating func parameter(_ text: Substring, line: Int) {
        guard let colon = text.firstIndex(of: ":") else {
            return report(.parameters, "expects indented 'name: value' lines", line: line)
        }
        let name = String(text[..<colon].trimmingWhitespace())
        let raw = text[text.index(after: colon)...].trimmingWhitespace()
        let item = ".\(name)"
        guard draft.parameters[name] == nil else { return report(.parameters, item: item, "appears more than once", line: line) }
        guard !raw.isEmpty else { return report(.parameters, item: item, "needs a value", line: line) }
        guard let value = FrontMatterScalar.parameter(raw) else { return report(.parameters, item: item, "has an unterminated quote", line: line) }
        lineOf["parameters" + item] = line
        draft.parameters[name] = value
    }

    private mutating func report(_ field: TemplateField, item: String = "", _ message: String, line: Int) {
        problems.append((line, TemplateProblem(field: field, item: item, message: message)))
    }
}
