import HTTPServer

/// The dashboard's stylesheet and script, compiled into the binary: no build step, no CDN.
enum DashboardAssets {
    static let cssPath = "/dashboard/assets/app.css"
    static let jsPath = "/dashboard/assets/app.js"

    /// An asset response, cacheable for an hour.
    static func response(_ text: String, contentType: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": contentType, "Cache-Control": "public, max-age=3600"], body: Array(text.utf8))
    }

    static let css = """
        :root{--ink:#1a1f36;--muted:#4f566b;--line:#e3e8ee;--bg:#f6f9fc;--card:#fff;--accent:#4f46e5;--ok:#0e7a3d;--bad:#c0262d;--warn:#b45309}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--accent)}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
        pre{background:#0f172a;color:#e2e8f0;padding:12px;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
        .test-banner{background:#c2410c;color:#fff;text-align:center;padding:6px;font-size:14px;letter-spacing:.02em}
        .test-clock{display:flex;flex-wrap:wrap;gap:8px;justify-content:center;padding:6px;background:#fff7ed;border-bottom:1px solid #fed7aa}
        .top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;padding:12px 24px;background:var(--card);border-bottom:1px solid var(--line)}
        .brand{font-weight:700;font-size:17px}
        .top form{display:flex;gap:8px;align-items:center;margin:0}
        .who{color:var(--muted);font-size:14px}
        main{max-width:1120px;margin:0 auto;padding:16px 24px 48px}
        section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
        section.hero{background:none;border:0;padding:8px 0}
        h1{font-size:24px;margin:0}h1 span{color:var(--muted);font-weight:400}
        h2{font-size:18px;margin:0 0 12px}h3{font-size:15px;margin:16px 0 8px}h4{margin:12px 0 6px;font-size:14px}
        .pills{color:var(--muted);margin:4px 0 0}
        button{font:inherit;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;padding:6px 12px;cursor:pointer;min-height:32px}
        button.small{padding:2px 8px;min-height:26px;font-size:13px;background:#fff;color:var(--accent)}
        button.link{background:none;border:0;color:var(--accent);text-decoration:underline;padding:0}
        button:disabled{opacity:.5;cursor:not-allowed}
        button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,tr[data-href]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        input,select{font:inherit;border:1px solid #8792a2;border-radius:6px;padding:5px 8px;min-height:32px;background:#fff;color:var(--ink)}
        label{font-size:14px;color:var(--muted)}
        .row-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
        .row-form input[type=url]{flex:1 1 320px}
        .row-form .hint{flex-basis:100%}
        .inline-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
        .actions{display:flex;flex-wrap:wrap;gap:8px 32px}
        .hint,.empty{color:var(--muted);font-size:14px;margin:6px 0}
        .promise{font-weight:600;color:var(--ok)}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        th{color:var(--muted);font-weight:600}
        tr[data-href]{cursor:pointer}tr[data-href]:hover,tr.selected{background:#eef2ff}
        .badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;background:var(--line);color:var(--ink)}
        .badge.live{background:#dcfce7;color:#14532d}.badge.test{background:#ffedd5;color:#7c2d12}
        .status.delivered,.status.delivered_after_retry{color:var(--ok)}.status.failed{color:var(--bad)}.status.retrying,.status.pending{color:var(--warn)}
        .status.completed{color:var(--ok)}.status.cancelled{color:var(--bad)}.status.running{color:var(--warn)}
        .state.enabled{color:var(--ok)}.state.circuit_open{color:var(--warn)}.state.disabled{color:var(--bad)}small.next{display:block;color:var(--muted)}
        .reveal{border:2px solid var(--ok);border-radius:6px;padding:8px 12px;margin-bottom:12px;background:#f0fdf4}
        .reveal code,.secret code{word-break:break-all}
        .flash{padding:10px 14px;border-radius:6px;margin:12px 0;border:1px solid}
        .flash.notice{background:#f0fdf4;border-color:#86efac}.flash.error{background:#fef2f2;border-color:#fca5a5;color:#7f1d1d}
        .count{font-weight:600}
        .events{list-style:none;margin:0;padding:0}
        .event{display:grid;grid-template-columns:1fr auto auto;gap:8px 16px;align-items:center;padding:10px 0;border-bottom:1px solid var(--line)}
        .event p{margin:2px 0 0;color:var(--muted);font-size:14px}
        .event form{margin:0}
        .event-stats{font-size:13px;color:var(--muted);display:flex;gap:6px;align-items:center;flex-wrap:wrap}
        .chart .ok{fill:var(--ok)}.chart .bad{fill:var(--bad)}.chart .base{fill:var(--line)}
        .switch{min-width:56px;background:#fff;color:var(--muted);border-color:#8792a2}
        .switch[aria-checked=true]{background:var(--ok);border-color:var(--ok);color:#fff}
        .inspector{border-top:2px solid var(--accent);margin-top:16px;padding-top:8px}
        .attempts li{margin-bottom:8px}.error{color:var(--bad)}
        .excerpt{max-height:160px}
        .endpoints{list-style:none;padding:0;margin:0}.endpoints li{margin-bottom:14px}
        .method{display:inline-block;min-width:48px;text-align:center;font:600 12px ui-monospace,monospace;border-radius:4px;padding:1px 4px;background:#e0e7ff;color:#3730a3}
        .method.post{background:#dcfce7;color:#14532d}
        .meters{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
        .meters li{display:flex;flex-direction:column;gap:4px}
        meter{width:100%;height:14px}
        .figure{font-variant-numeric:tabular-nums;font-weight:600}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:0}
        .figures dt{color:var(--muted);font-size:13px}.figures dd{margin:0;font-size:20px;font-weight:600}
        .inbox{list-style:none;padding:0}.inbox li{border-bottom:1px solid var(--line);padding:8px 0}.inbox .unread strong::before{content:"● ";color:var(--accent)}
        .login-card{max-width:400px;margin:10vh auto;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:24px}
        .login-card form{display:flex;flex-direction:column;gap:8px}
        .tagline{color:var(--muted);margin-top:4px}
        @media (max-width:640px){
          main{padding:8px 12px 32px}.top{padding:10px 12px}section{padding:12px}
          .event{grid-template-columns:1fr auto}.event-stats{grid-column:1/-1;order:3}
          h1{font-size:20px}
          .deliveries th:nth-child(3),.deliveries td:nth-child(3),.deliveries th:nth-child(5),.deliveries td:nth-child(5){display:none}
        }
        """

    static let js = """
        "use strict";
        (function () {
          function copy(text, button) {
            var done = function () { var label = button.textContent; button.textContent = "Copied"; setTimeout(function () { button.textContent = label; }, 1500); };
            if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); return; }
            var area = document.createElement("textarea");
            area.value = text; document.body.appendChild(area); area.select();
            try { document.execCommand("copy"); done(); } finally { area.remove(); }
          }
          document.addEventListener("click", function (event) {
            var button = event.target.closest("[data-copy]");
            if (button) { copy(document.getElementById(button.getAttribute("data-copy")).textContent, button); return; }
            var row = event.target.closest("tr[data-href]");
            if (row && !event.target.closest("a, button")) { window.location.href = row.getAttribute("data-href"); }
          });
          document.addEventListener("submit", function (event) {
            var message = event.target.getAttribute("data-confirm");
            if (message && !window.confirm(message)) { event.preventDefault(); }
          });
          var inspector = document.getElementById("inspector");
          if (inspector) { inspector.setAttribute("tabindex", "-1"); inspector.focus(); }
        })();
        """
}
