/// The sign-in form. The same message answers an unknown email and a wrong password.
struct LoginPage {
    static let failed = "Incorrect email or password."
    static let expired = "Your session has ended. Sign in again."

    /// The value of the hidden field, matched against the `op_login` cookie (double-submit: a cross-site form
    /// cannot read the cookie to copy it).
    let csrfToken: String
    var email = ""
    var message: String?

    func render() -> String {
        DashboardPage.document(title: "Sign in · Operator dashboard", bodyClass: "login", body: """
            <main id="main" class="login-card">
            <h1>Operator dashboard</h1>
            <p class="tagline">API &amp; webhooks — Extend, integrate, automate</p>
            \(message.map { #"<p class="flash error" role="alert">\#(HTML.escape($0))</p>"# } ?? "")
            <form method="post" action="/dashboard/login">\(HTML.csrfField(csrfToken))
            <label for="email">Email</label>
            <input id="email" name="email" type="email" required autocomplete="username" value="\(HTML.escape(email))">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" required autocomplete="current-password">
            <button type="submit">Sign in</button>
            </form>
            </main>
            """)
    }
}
