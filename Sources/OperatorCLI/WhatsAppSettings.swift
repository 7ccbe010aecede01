import Billing
import Foundation

/// The WhatsApp Cloud API credentials, from the environment only (the token is a secret: never a flag, which `ps`
/// shows). All or nothing: none of them keeps alerts in the inbox; some but not all is a usage error.
enum WhatsAppSettings {
    static let url = "OPERATOR_API_WHATSAPP_URL"
    static let token = "OPERATOR_API_WHATSAPP_TOKEN"
    static let phoneNumberID = "OPERATOR_API_WHATSAPP_PHONE_NUMBER_ID"
    static let template = "OPERATOR_API_WHATSAPP_TEMPLATE"
    static let endpointTemplate = "OPERATOR_API_WHATSAPP_ENDPOINT_TEMPLATE"

    /// For the help text: name, placeholder, meaning.
    static let documented = [
        (url, "URL", "WhatsApp Cloud API base, e.g. https://graph.facebook.com/v21.0"),
        (token, "TOKEN", "its access token"),
        (phoneNumberID, "ID", "the sending phone number's id"),
        (template, "NAME", "the low-balance alert's message template (default low_balance_alert)"),
        (endpointTemplate, "NAME", "the disabled-endpoint alert's message template (default webhook_endpoint_disabled)"),
    ]

    static func read(_ environment: [String: String]) throws(UsageError) -> WhatsAppConfiguration? {
        let given = [url, token, phoneNumberID].filter { !(environment[$0] ?? "").isEmpty }
        guard !given.isEmpty || environment[template] != nil || environment[endpointTemplate] != nil else { return nil }
        guard given.count == 3 else {
            let missing = [url, token, phoneNumberID].filter { !given.contains($0) }
            throw UsageError("WhatsApp alerts need \(url), \(token) and \(phoneNumberID); missing: \(missing.joined(separator: ", "))")
        }
        guard let base = URL(string: environment[url]!), ["https", "http"].contains(base.scheme ?? ""), base.host?.isEmpty == false else {
            throw UsageError("\(url) must be an http(s) URL, not '\(environment[url]!)'")
        }
        let templateName = environment[template] ?? "low_balance_alert"
        let endpointTemplateName = environment[endpointTemplate] ?? "webhook_endpoint_disabled"
        for (variable, name) in [(template, templateName), (endpointTemplate, endpointTemplateName)] where name.isEmpty {
            throw UsageError("\(variable) must not be empty")
        }
        return WhatsAppConfiguration(baseURL: base, token: environment[token]!, phoneNumberID: environment[phoneNumberID]!,
                                     templateName: templateName, endpointDisabledTemplateName: endpointTemplateName)
    }
}
