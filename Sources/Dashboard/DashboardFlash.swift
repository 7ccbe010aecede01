import Foundation

/// The one-line outcome of a form post, carried across its redirect (post/redirect/get) in a short-lived cookie
/// and shown once by the next page.
struct DashboardFlash: Equatable {
    enum Kind: String { case notice, error }

    static let cookieName = "op_flash"

    let kind: Kind
    let message: String

    /// The cookie value: `kind:message`, percent-encoded so any text is cookie-safe.
    var cookieValue: String {
        "\(kind.rawValue):\(message)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? kind.rawValue
    }

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Reads a cookie value back; nil for anything this type did not write.
    init?(cookieValue: String) {
        guard let text = cookieValue.removingPercentEncoding, let colon = text.firstIndex(of: ":"),
              let kind = Kind(rawValue: String(text[..<colon]))
        else { return nil }
        self.init(kind, String(text[text.index(after: colon)...]))
    }
}
