import Kernel

/// The words of an alert that the platform disabled a webhook endpoint: the operator must hear it somewhere other than
/// that endpoint.
///
/// The WhatsApp template (`webhook_endpoint_disabled` unless configured otherwise) takes three body parameters: the
/// mode (`live`/`test`), the endpoint's URL and why (`it answered 410 Gone` / `every attempt failed for 5 days`).
struct EndpointDisabledNotice: AlertNotice, Equatable {
    let payload: EndpointDisabledAlert
    let mode: Mode

    var type: String { InboundEvent.webhookEndpointDisabled }

    var title: String { mode == .live ? "Webhook endpoint disabled" : "Test webhook endpoint disabled" }

    var body: String {
        "We stopped sending \(mode.rawValue) events to \(payload.url): \(why)\(payload.lastError.map { " (last: \($0))" } ?? ""). "
            + "Fix the receiver, then enable the endpoint again on the dashboard or with POST /v1/wl/webhook-endpoints/\(payload.endpointID)/enable."
    }

    var templateParameters: [String] { [mode.rawValue, payload.url, why] }

    var data: InboxItemData { .endpointDisabled(payload) }

    private var why: String {
        switch payload.reason {
        case "gone": "it answered 410 Gone"
        default: "every attempt failed for 5 days\(payload.failingSince.map { " since \(RFC3339.format($0, fractional: false))" } ?? "")"
        }
    }
}
