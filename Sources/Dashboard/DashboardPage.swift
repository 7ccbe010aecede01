import Accounts
import HTTPAPI
import Kernel
import Webhooks

/// The dashboard's one screen, rendered on the server: a small function per section, in the order the operator
/// reads them. Every value that is not a literal of these files is escaped with ``HTML/escape(_:)``.
struct DashboardPage {
    let snapshot: DashboardSnapshot
    var flash: DashboardFlash?
    /// A key just issued by a rotation: shown this once.
    var issuedKey: IssuedAPIKey?
    /// The receiver's full signing secret, after the member re-entered their password.
    var revealedSecret: String?
    /// The receiver check-up just run: shown this once, under the receiver.
    var checkUp: ReceiverCheckUp?

    var csrf: String { HTML.csrfField(snapshot.session.csrfToken) }
    var isTest: Bool { snapshot.session.scope.mode == .test }

    func render() -> String {
        let sections = [overview(), keysSection(), receiverSection(), subscriptionsSection(), deliveriesSection(), inboundSection(),
                        limitsSection(), walletSection()]
        return Self.document(title: "\(snapshot.operatorName) · API & webhooks", bodyClass: isTest ? "test" : "live", body: """
            \(isTest ? testBanner() : "")
            \(topBar())
            <main id="main">
            \(flashMessage())
            \(sections.joined(separator: "\n"))
            </main>
            """)
    }

    /// The page shell shared with the sign-in page: its own stylesheet and script only.
    static func document(title: String, bodyClass: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="\(DashboardAssets.cssPath)">
        <script src="\(DashboardAssets.jsPath)" defer></script>
        </head>
        <body class="\(bodyClass)">
        <a class="skip" href="#main">Skip to content</a>
        \(body)
        </body>
        </html>
        """
    }

    private func topBar() -> String {
        let mode = snapshot.session.scope.mode
        let switchTo: Mode = mode == .live ? .test : .live
        return """
            <header class="top">
            <div class="brand">\(HTML.escape(snapshot.operatorName))</div>
            <form method="post" action="/dashboard/mode" class="mode-switch">\(csrf)
            <input type="hidden" name="mode" value="\(switchTo.rawValue)">
            <span id="mode-label">Viewing <strong>\(mode == .live ? "live" : "test") data</strong></span>
            <button type="submit" aria-describedby="mode-label">Switch to \(switchTo == .live ? "live" : "test")</button>
            </form>
            <form method="post" action="/dashboard/logout" class="signout">\(csrf)
            <span class="who">\(HTML.escape(snapshot.session.member.email))</span>
            <button type="submit" class="link">Sign out</button>
            </form>
            </header>
            """
    }

    private func flashMessage() -> String {
        guard let flash else { return "" }
        let role = flash.kind == .error ? "alert" : "status"
        return #"<p class="flash \#(flash.kind.rawValue)" role="\#(role)">\#(HTML.escape(flash.message))</p>"#
    }

    private func overview() -> String {
        """
        <section class="hero" aria-labelledby="h-overview">
        <h1 id="h-overview">Operator · API &amp; webhooks — <span>Extend, integrate, automate</span></h1>
        <p class="pills"><span>REST + webhooks</span> · <span>idempotent</span> · <span>versioned</span></p>
        </section>
        """
    }

    /// A section with its heading, the landmark every part of the page is.
    static func section(_ id: String, _ title: String, _ content: String) -> String {
        """
        <section id="\(id)" aria-labelledby="h-\(id)">
        <h2 id="h-\(id)">\(title)</h2>
        \(content)
        </section>
        """
    }
}

extension DashboardPage {
    /// A page with one message, for refusals that have nothing else to show.
    static func notice(title: String, _ message: String) -> String {
        document(title: title, bodyClass: "login", body: """
            <main id="main" class="login-card"><h1>\(HTML.escape(title))</h1><p>\(HTML.escape(message))</p>
            <p><a href="/dashboard">Back to the dashboard</a></p></main>
            """)
    }
}
