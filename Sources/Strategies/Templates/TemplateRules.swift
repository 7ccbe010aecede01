import Foundation

/// The rules a template must meet and the normalisation both formats share, so that the same template written
/// either way yields the same ``TemplateModel``.
enum TemplateRules {
    static let maximumNameLength = 200
    static let maximumSummaryLength = 1_000
    static let maximumInstruments = 100
    static let maximumInstrumentLength = 50
    static let maximumParameters = 100
    static let maximumParameterNameLength = 64
    static let maximumParameterTextLength = 1_000
    static let maximumOpenPositions: Int64 = 1_000

    /// Applies the rules to `draft`. Fields that already have a problem (the parser could not read them) are not
    /// judged again, so a badly typed `name` is not also reported as missing. Returns the model when `problems`
    /// ends up empty.
    static func model(from draft: TemplateDraft, problems: inout [TemplateProblem]) -> TemplateModel? {
        let flagged = Set(problems.map(\.field))
        var found = [TemplateProblem]()
        func check(_ field: TemplateField, item: String = "", _ message: String) {
            if !flagged.contains(field) { found.append(TemplateProblem(field: field, item: item, message: message)) }
        }

        let name = (draft.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { check(.name, "is required") }
        if name.count > maximumNameLength { check(.name, "must be at most \(maximumNameLength) characters") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { check(.name, "must not contain control characters") }

        let summary = draft.summary?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let summary, summary.count > maximumSummaryLength { check(.summary, "must be at most \(maximumSummaryLength) characters") }

        let instruments = (draft.instruments ?? []).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if draft.instruments == nil {
            check(.instruments, "is required")
        } else if instruments.isEmpty {
            check(.instruments, "must list at least one instrument")
        } else if instruments.count > maximumInstruments {
            check(.instruments, "must list at most \(maximumInstruments) instruments")
        }
        var seen = Set<String>()
        for (i, symbol) in instruments.enumerated() {
            if let problem = instrumentProblem(symbol) { check(.instruments, item: "[\(i)]", problem) }
            if !seen.insert(symbol).inserted { check(.instruments, item: "[\(i)]", "repeats \(symbol)") }
        }

        if draft.parameters.count > maximumParameters { check(.parameters, "must have at most \(maximumParameters) entries") }
        for (key, value) in draft.parameters.sorted(by: { $0.key < $1.key }) {
            if !isParameterName(key) {
                check(.parameters, item: ".\(key)", "must be named with letters, digits and '_' (not starting with a digit), at most \(maximumParameterNameLength) characters")
            }
            if case .string(let text) = value, text.count > maximumParameterTextLength {
                check(.parameters, item: ".\(key)", "must be at most \(maximumParameterTextLength) characters")
            }
            if case .number(let number) = value, !number.isFinite { check(.parameters, item: ".\(key)", "must be a finite number") }
        }

        if let loss = draft.maxDailyLossPaise, loss <= 0 { check(.maxDailyLossPaise, "must be a positive number of paise") }
        if let positions = draft.maxOpenPositions, !(1...maximumOpenPositions).contains(positions) {
            check(.maxOpenPositions, "must be 1…\(maximumOpenPositions)")
        }
        if let capital = draft.capitalRequiredPaise, capital < 0 { check(.capitalRequiredPaise, "must not be negative") }

        problems += found
        guard problems.isEmpty else { return nil }
        return TemplateModel(
            name: name, summary: summary?.isEmpty == false ? summary : nil, body: normalisedBody(draft.body ?? ""),
            instruments: instruments, parameters: draft.parameters,
            risk: TemplateRisk(maxDailyLossPaise: draft.maxDailyLossPaise, maxOpenPositions: draft.maxOpenPositions.map { Int($0) }),
            capitalRequiredPaise: draft.capitalRequiredPaise)
    }

    /// Why `symbol` is not a valid instrument, or nil when it is.
    static func instrumentProblem(_ symbol: String) -> String? {
        if symbol.isEmpty { return "must not be empty" }
        if symbol.count > maximumInstrumentLength { return "must be at most \(maximumInstrumentLength) characters" }
        let allowed = symbol.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ":_-.&".unicodeScalars.contains($0)
        }
        return allowed ? nil : "must use only A–Z, 0–9 and : _ - . &"
    }

    static func isParameterName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= maximumParameterNameLength, !("0"..."9").contains(first) else { return false }
        return scalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// The body without its leading blank lines and trailing whitespace (the markdown format's blank line after
    /// `---` is layout, not content).
    static func normalisedBody(_ body: String) -> String {
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var text = lines.drop { $0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
