import Foundation

/// Credentials for the WhatsApp Cloud API, which carries alerts (a low balance, a disabled webhook endpoint) to operators'
/// phones.
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
    /// The approved message template for disabled webhook endpoints (see ``EndpointDisabledNotice``).
    public var endpointDisabledTemplateName: String

    public init(baseURL: URL, token: String, phoneNumberID: String, templateName: String = "low_balance_alert",
                endpointDisabledTemplateName: String = "webhook_endpoint_disabled") {
        self.baseURL = baseURL
        self.token = token
        self.phoneNumberID = phoneNumberID
        self.templateName = templateName
        self.endpointDisabledTemplateName = endpointDisabledTemplateName
    }

    /// The template of an alert raised by an event of `type`.
    func template(for type: String) -> String {
        type == InboundEvent.webhookEndpointDisabled ? endpointDisabledTemplateName : templateName
    }
}
