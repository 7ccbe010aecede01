import Foundation

/// Credentials for the WhatsApp Cloud API, which carries low-balance alerts to operators' phones.
///
/// The command line reads it from the environment; without it Billing alerts through the inbox only.
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
}
