/// One page of a cursor list, the shape every list endpoint answers: `{"object":"list","data":[…],"has_more":…}`.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public var object = "list"
    public let data: [Item]
    public let hasMore: Bool

    public init(data: [Item], hasMore: Bool) {
        self.data = data
        self.hasMore = hasMore
    }

    /// The first `limit` of `fetched` (which was read with `limit + 1` rows to learn whether more exist).
    public init(fetched: [Item], limit: Int) {
        self.init(data: Array(fetched.prefix(limit)), hasMore: fetched.count > limit)
    }

    enum CodingKeys: String, CodingKey { case object, data, hasMore = "has_more" }
}

extension Page: JSONWritable where Item: JSONWritable {
    @inlinable
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("data", array: data)
            json.field("has_more", hasMore)
            json.field("object", object)
        }
    }
}
