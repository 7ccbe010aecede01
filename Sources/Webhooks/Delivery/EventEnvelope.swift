import Kernel

/// The JSON body of every webhook and of every item of the events API:
/// `{"api_version","data","id","livemode","object":"event","sequence","timestamp","type"}` with the event's payload
/// as `data` byte for byte (sorted keys, so the signed bytes are stable). `sequence` is the event's position among its
/// operator and mode's events (``Event/tenantSequence``); test sends and check-ups, which are no event, carry 0. A test
/// send adds `"test":true`; a receiver check-up's requests add `"check"` with the check's name too.
public enum EventEnvelope {
    public static func json(
        id: String, type: String, occurredAt: Timestamp, livemode: Bool, sequence: Int64, data: String, apiVersion: String, test: Bool = false,
        check: String? = nil
    ) -> String {
        let quoted = JSONText.string
        return "{\"api_version\":\(quoted(apiVersion)),\(check.map { "\"check\":\(quoted($0))," } ?? "")\"data\":\(data),"
            + "\"id\":\(quoted(id)),\"livemode\":\(livemode),\"object\":\"event\",\"sequence\":\(sequence),\(test ? "\"test\":true," : "")"
            + "\"timestamp\":\(quoted(RFC3339.format(occurredAt, fractional: false))),\"type\":\(quoted(type))}"
    }

    public static func json(for event: Event, apiVersion: String) -> String {
        json(id: event.id, type: event.type, occurredAt: event.occurredAt, livemode: event.mode == .live, sequence: event.tenantSequence,
             data: event.payload, apiVersion: apiVersion)
    }
}
