import Kernel

/// A template as a push request carries it: markdown with front matter, or JSON text.
///
/// JSON arrives as text rather than as a decoded ``TemplateModel`` so that a wrong type is reported like every
/// other mistake, as a field error at its path in the template (`risk.max_open_positions`), and so that the
/// 64 KiB cap applies to both formats alike.
public enum TemplateSource: Sendable {
    case markdown(String)
    case json(String)

    /// The normalised model, or `invalid_template` naming every field at fault.
    public func model() throws -> TemplateModel {
        switch self {
        case .markdown(let text): try MarkdownTemplateParser().parse(text)
        case .json(let text): try JSONTemplateParser().parse(text)
        }
    }
}
