import Billing
import HTTPAPI

extension UsageQuery {
    /// The query of `GET /v1/wl/usage`: `from` and `to` (required `YYYY-MM-DD` usage days, both inclusive), the
    /// exact-match filters `plan_id`, `broker`, `user_id`, and `group_by` (default `day`).
    ///
    /// Throws 400 `invalid_parameter` for a missing date, and ``Billing``'s `invalid` error for a malformed date or
    /// `group_by` (which the route reports as `invalid_parameter` too; see ``APIError/reportingQueryErrors(_:)``).
    init(_ query: QueryParameters) throws {
        func required(_ name: String) throws -> String {
            guard let value = query[name] else { throw APIError.invalidParameter(name, "Required parameter is missing.") }
            return value
        }
        self.init(
            from: try Self.date(required("from"), field: "from"), to: try Self.date(required("to"), field: "to"),
            planID: query["plan_id"], broker: query["broker"], userID: query["user_id"],
            groupBy: try query["group_by"].map { try Self.groupBy($0) } ?? .day)
    }
}
