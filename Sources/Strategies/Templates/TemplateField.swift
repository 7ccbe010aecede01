/// A field of a template, with the name each format gives it.
enum TemplateField: Sendable, Hashable {
    case name, summary, body, instruments, parameters, maxDailyLossPaise, maxOpenPositions, capitalRequiredPaise
    /// The document as a whole: syntax that belongs to no one field.
    case document

    /// Its path in the JSON format.
    var jsonPath: String {
        switch self {
        case .name: "name"
        case .summary: "summary"
        case .body: "body"
        case .instruments: "instruments"
        case .parameters: "parameters"
        case .maxDailyLossPaise: "risk.max_daily_loss_paise"
        case .maxOpenPositions: "risk.max_open_positions"
        case .capitalRequiredPaise: "capital_required_paise"
        case .document: "template"
        }
    }

    /// Its key in the markdown front matter (the risk limits sit at the top level there); nil for the document.
    var markdownKey: String? {
        switch self {
        case .maxDailyLossPaise: "max_daily_loss_paise"
        case .maxOpenPositions: "max_open_positions"
        case .document, .body: nil
        default: jsonPath
        }
    }
}
