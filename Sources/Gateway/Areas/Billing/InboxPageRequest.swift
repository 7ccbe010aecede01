import HTTPAPI

/// The query of `GET /v1/wl/inbox`: the page size and the cursor (the id of the last item of the previous page).
struct InboxPageRequest {
    static let limits = 1...100
    static let defaultLimit = 20

    let limit: Int
    let startingAfter: String?

    /// Throws 400 `invalid_parameter` for a `limit` that is not an integer in ``limits``.
    init(_ query: QueryParameters) throws(APIError) {
        limit = try query.int("limit", in: Self.limits) ?? Self.defaultLimit
        startingAfter = query["starting_after"]
    }
}
