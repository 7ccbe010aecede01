import Kernel

/// The JSON body of every webhook and of every item of the events API:
/// `{"api_version","data","id","livemode","object":"event","timestamp","type"}` with the event's payload as `data`
/// byte for byte (sorted keys, so the signed bytes are stable). A test send adds `"test":true`; a receiver check-up's
/// requests add `"check"` with the check's name too.
public enum EventEnvelope {
    public static func json(
        id: String, type: String, occurredAt: Timestamp, livemode: Bool, data: String, apiVersion: String, test: Bool = false, check: String? = nil
    ) -> String {
        func quoted(_ text: String) -> String { (try? JSON.encodeString(text)) ?? "\"\"" }
        return "{\"api_version\":\(quoted(apiVersion)),\(check.map { "\"check\":\(quoted($0))," } ?? "")\"data\":\(data),\"id\":\(quoted(id)),\"livemode\":\(livemode),"
            + "\"object\":\"event\",\(test ? "\"test\":true," : "")\"timestamp\":\(quoted(RFC3339.format(occurredAt, fractional: false))),"
            + "\"type\":\(quoted(type))}"
    }

    public static func json(for event: Event, apiVersion: String) -> String {
        json(id: event.id, type: event.type, occurredAt: event.occurredAt, livemode: event.mode == .live, data: event.payload, apiVersion: apiVersion)
    }
}
