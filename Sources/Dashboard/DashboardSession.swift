import Accounts
import HTTPAPI
import Kernel

/// The signed-in member behind a dashboard request: their session, the cookie token that proved it, and the
/// request forgery token derived from it.
///
/// The CSRF token is SHA-256 of the session token with a fixed label: a page served to the session can embed
/// it, another site cannot compute it, and nothing more is stored (the database holds only the session token's
/// own hash, from which the CSRF token cannot be derived).
struct DashboardSession: Sendable {
    static let cookieName = "op_session"

    let token: String
    let session: MemberSession

    var member: Member { session.member }
    var scope: TenantScope { session.scope }
    var csrfToken: String { Self.csrfToken(for: token) }

    static func csrfToken(for token: String) -> String { Digest.sha256("dashboard-csrf:" + token).hexString }

    /// Whether `presented` (a form's `csrf` field or the `X-CSRF-Token` header) is this session's token.
    func accepts(csrf presented: String?) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equals(Array(presented.utf8), Array(csrfToken.utf8))
    }
}
