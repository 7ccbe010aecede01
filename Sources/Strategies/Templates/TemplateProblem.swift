import Kernel

/// One thing wrong with a template, located by field (and item) so each format can point at it in its own terms:
/// JSON by path, markdown by line.
struct TemplateProblem: Sendable, Equatable {
    let field: TemplateField
    /// The element within the field, as a path suffix: `[2]` for an instrument, `.fast` for a parameter.
    var item = ""
    let message: String

    /// The JSON path at fault, e.g. `instruments[2]`.
    var jsonPath: String { field.jsonPath + item }

    /// The subject a markdown message starts with, e.g. `max_open_positions` or `parameters.fast`.
    var markdownSubject: String? { field.markdownKey.map { $0 + item } }

    /// At most this many field errors are reported (garbage input could otherwise produce thousands).
    static let maximumReported = 20

    /// The error for a template with `fields` at fault: the first one's message leads, naming its field once
    /// ("The template is invalid: line 4: …", "The template must be at most 65536 bytes.").
    static func error(_ fields: [DomainError.FieldError]) -> DomainError {
        DomainError(.invalid, code: .invalidTemplate, detail(fields.first), fields: Array(fields.prefix(maximumReported)))
    }

    private static func detail(_ first: DomainError.FieldError?) -> String {
        guard let first else { return "The template is invalid." }
        guard first.field == "template" else { return "The template is invalid: \(first.field) \(first.message)." }
        return first.message.hasPrefix("line ") ? "The template is invalid: \(first.message)." : "The template \(first.message)."
    }

    /// The size check both formats make before parsing anything.
    static func checkSize(_ text: String) throws {
        guard text.utf8.count <= TemplateModel.maximumBytes else {
            throw error([.init(field: "template", message: "must be at most \(TemplateModel.maximumBytes) bytes")])
        }
    }
}
