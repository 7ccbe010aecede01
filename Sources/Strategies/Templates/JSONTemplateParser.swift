import Foundation
import Kernel

/// Parses the JSON template format:
///
/// ```json
/// {"name": "Nifty momentum", "summary": "…", "body": "# markdown …", "instruments": ["NIFTY"],
///  "parameters": {"fast": 9, "trail": true}, "risk": {"max_daily_loss_paise": 250000, "max_open_positions": 3},
///  "capital_required_paise": 5000000}
/// ```
///
/// Only `name` and `instruments` are required; `null` counts as absent. Unknown fields are refused (a typo must not
/// silently drop a risk limit). Errors name the path: field `risk.max_open_positions`, message `must be an integer`.
public struct JSONTemplateParser: Sendable {
    public init() {}

    /// The normalised model, or `invalid_template` naming every field at fault.
    public func parse(_ text: String) throws -> TemplateModel {
        try TemplateProblem.checkSize(text)
        guard case .object(let object)? = try? JSON.decoder.decode(AnyJSON.self, from: Data(text.utf8)) else {
            throw TemplateProblem.error([.init(field: "template", message: "must be a JSON object")])
        }
        var reader = Reader()
        for (key, value) in object.sorted(by: { $0.key < $1.key }) { reader.read(key, value) }
        var problems = reader.problems
        if let model = TemplateRules.model(from: reader.draft, problems: &problems), reader.unknown.isEmpty { return model }
        throw TemplateProblem.error(reader.unknown + problems.map { .init(field: $0.jsonPath, message: $0.message) })
    }

    /// Fills a draft from the decoded object, noting type errors and unknown fields.
    private struct Reader {
        var draft = TemplateDraft()
        var problems = [TemplateProblem]()
        var unknown = [DomainError.FieldError]()

        mutating func read(_ key: String, _ value: AnyJSON) {
            switch key {
            case "name": draft.name = text(value, .name)
            case "summary": draft.summary = text(value, .summary)
            case "body": draft.body = text(value, .body)
            case "instruments": draft.instruments = instruments(value)
            case "parameters": draft.parameters = parameters(value)
            case "risk": risk(value)
            case "capital_required_paise": draft.capitalRequiredPaise = integer(value, .capitalRequiredPaise)
            default: unknown.append(.init(field: key, message: "is not a template field"))
            }
        }

        private mutating func text(_ value: AnyJSON, _ field: TemplateField) -> String? {
            switch value {
            case .null: return nil
            case .string(let text): return text
            default: return wrongType(field, "must be a string, not \(value.typeName)")
            }
        }

        private mutating func integer(_ value: AnyJSON, _ field: TemplateField) -> Int64? {
            switch value {
            case .null: return nil
            case .integer(let number): return number
            default: return wrongType(field, "must be an integer, not \(value.typeName)")
            }
        }

        private mutating func instruments(_ value: AnyJSON) -> [String]? {
            if case .null = value { return nil }
            guard case .array(let items) = value else { return wrongType(.instruments, "must be an array of strings, not \(value.typeName)") }
            var symbols = [String]()
            for (i, item) in items.enumerated() {
                guard case .string(let symbol) = item else {
                    problems.append(TemplateProblem(field: .instruments, item: "[\(i)]", message: "must be a string, not \(item.typeName)"))
                    continue
                }
                symbols.append(symbol)
            }
            return symbols
        }

        private mutating func parameters(_ value: AnyJSON) -> [String: TemplateParameter] {
            if case .null = value { return [:] }
            guard case .object(let entries) = value else { return wrongType(.parameters, "must be an object, not \(value.typeName)") ?? [:] }
            var parameters = [String: TemplateParameter]()
            for (name, entry) in entries {
                switch entry {
                case .string(let text): parameters[name] = .string(text)
                case .integer(let number): parameters[name] = .number(Double(number))
                case .number(let number): parameters[name] = .number(number)
                case .bool(let flag): parameters[name] = .bool(flag)
                default:
                    problems.append(TemplateProblem(field: .parameters, item: ".\(name)", message: "must be a string, number or boolean, not \(entry.typeName)"))
                }
            }
            return parameters
        }

        private mutating func risk(_ value: AnyJSON) {
            if case .null = value { return }
            guard case .object(let entries) = value else {
                unknown.append(.init(field: "risk", message: "must be an object, not \(value.typeName)"))
                return
            }
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                switch key {
                case "max_daily_loss_paise": draft.maxDailyLossPaise = integer(entry, .maxDailyLossPaise)
                case "max_open_positions": draft.maxOpenPositions = integer(entry, .maxOpenPositions)
                default: unknown.append(.init(field: "risk.\(key)", message: "is not a risk field"))
                }
            }
        }

        private mutating func wrongType<T>(_ field: TemplateField, _ message: String) -> T? {
            problems.append(TemplateProblem(field: field, message: message))
            return nil
        }
    }
}
