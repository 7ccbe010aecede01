/// The JSON body of a WhatsApp Cloud API template message
/// (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
struct WhatsAppMessage: Encodable, Equatable {
    struct Template: Encodable, Equatable {
        let name: String
        let language: Language
        let components: [Component]
    }

    struct Language: Encodable, Equatable {
        let code: String
    }

    struct Component: Encodable, Equatable {
        let type: String
        let parameters: [Parameter]
    }

    struct Parameter: Encodable, Equatable {
        let type: String
        let text: String
    }

    let messagingProduct = "whatsapp"
    /// The recipient in international format without the `+` (the Cloud API's documented form).
    let to: String
    let type = "template"
    let template: Template

    enum CodingKeys: String, CodingKey { case messagingProduct = "messaging_product", to, type, template }

    /// A template message to an E.164 number with the body's text parameters in order.
    init(to number: String, template name: String, bodyParameters: [String]) {
        to = number.hasPrefix("+") ? String(number.dropFirst()) : number
        template = Template(
            name: name, language: Language(code: "en"),
            components: [Component(type: "body", parameters: bodyParameters.map { Parameter(type: "text", text: $0) })])
    }
}
