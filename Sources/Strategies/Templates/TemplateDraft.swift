/// A template as a parser read it, before the rules apply: a field is nil when absent or unreadable.
struct TemplateDraft: Sendable {
    var name: String?
    var summary: String?
    var body: String?
    var instruments: [String]?
    var parameters: [String: TemplateParameter] = [:]
    var maxDailyLossPaise: Int64?
    var maxOpenPositions: Int64?
    var capitalRequiredPaise: Int64?
}
