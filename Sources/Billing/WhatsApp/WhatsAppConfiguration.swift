import Foundation

/// Credentials for the WhatsApp Cloud API, which carries low-balance alerts to operators' phones.
///
/// The composition root builds it with ``init(environment:)``; without it Billing alerts through the inbox only.
public struct WhatsAppConfiguration: Sendable, Equatable {
    /// The Graph API root, e.g. `https://graph.facebook.com/v21.0`; messages go to `{baseURL}/{phoneNumberID}/messages`.
    public var baseURL: URL
    /// The system user's access token, sent as a bearer token. Never logged.
    public var token: String
    /// The sending business phone number's id.
    public var phoneNumberID: String
    /// The approved message template for low-balance alerts (see ``LowBalanceNotice`` for its parameters).
    public var templateName: String

    public init(baseURL: URL, token: String, phoneNumberID: String, templateName: String = "low_balance_alert") {
        self.baseURL = baseURL
        self.token = token
        self.phoneNumberID = phoneNumberID
        self.templateName = templateName
    }

    /// Reads `OPERATOR_API_WHATSAPP_URL`, `OPERATOR_API_WHATSAPP_TOKEN` and `OPERATOR_API_WHATSAPP_PHONE_NUMBER_ID`
    /// (and optionally `OPERATOR_API_WHATSAPP_TEMPLATE`); nil unless the first three are set and the URL parses.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let url = environment["OPERATOR_API_WHATSAPP_URL"].flatMap(URL.init(string:)), url.scheme != nil,
              let token = environment["OPERATOR_API_WHATSAPP_TOKEN"], !token.isEmpty,
              let phoneNumberID = environment["OPERATOR_API_WHATSAPP_PHONE_NUMBER_ID"], !phoneNumberID.isEmpty
        else { return nil }
        self.init(baseURL: url, token: token, phoneNumberID: phoneNumberID,
                  templateName: environment["OPERATOR_API_WHATSAPP_TEMPLATE"] ?? "low_balance_alert")
    }
}
