import HTTPAPI
import Kernel
import Webhooks

extension EventQuery {
    /// The query of `GET /v1/wl/events`: `limit`, `type`, the cursors `starting_after` and `ending_before`, `order`
    /// (`desc`, newest first, by default; `asc`) and the bounds `created[gte|gt|lte|lt]` (RFC 3339).
    ///
    /// An event's created time is its `timestamp`, which has whole seconds, so the bounds compare whole seconds:
    /// `created[gt]` of an event's own `timestamp` never returns that event again.
    /// Throws 400 `invalid_parameter` for a malformed time or order.
    init(_ query: QueryParameters) throws {
        var from: Timestamp?, through: Timestamp?
        func bound(_ name: String) throws -> Timestamp? {
            guard let text = query[name] else { return nil }
            guard let time = RFC3339.parse(text) else { throw APIError.invalidParameter(name, "must be an RFC 3339 time") }
            return time
        }
        func raise(_ t: Timestamp) { from = max(from ?? t, t) }
        func lower(_ t: Timestamp) { through = min(through ?? t, t) }
        if let t = try bound("created[gte]") { raise(Self.ceilingSecond(t)) }
        if let t = try bound("created[gt]") { raise(Self.floorSecond(t) + .seconds(1)) }
        if let t = try bound("created[lte]") { lower(Self.floorSecond(t) + .milliseconds(999)) }
        if let t = try bound("created[lt]") { lower(Self.ceilingSecond(t) - .milliseconds(1)) }
        let order: EventLog.Direction
        switch query["order"] {
        case nil, "desc": order = .newestFirst
        case "asc": order = .oldestFirst
        default: throw APIError.invalidParameter("order", "must be asc or desc")
        }
        self.init(limit: try query.int("limit", in: 1...100) ?? 20, startingAfter: query["starting_after"],
                  endingBefore: query["ending_before"], type: query["type"], occurredFrom: from, occurredThrough: through, order: order)
    }

    private static func floorSecond(_ t: Timestamp) -> Timestamp { Timestamp(seconds: t.seconds) }

    private static func ceilingSecond(_ t: Timestamp) -> Timestamp {
        t.milliseconds.isMultiple(of: 1000) ? t : Timestamp(seconds: t.seconds + 1)
    }
}
