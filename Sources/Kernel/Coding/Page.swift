/// One page of a cursor list, the shape every list endpoint answers: `{"object":"list","data":[…],"has_more":…}`.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public var object = "list"
    public let data: [Item]
    public let hasMore: Bool

    public init(data: [Item], hasMore: Bool) {
        self.data = data
        self.hasMore = hasMore
    }

    /// The first `limit` of `fetched` (which was read with `limit + 1` rows to learn whether more exist). `fetched`
    /// is consumed: the page keeps its storage and drops the extra row instead of copying the others.
    public init(fetched: consuming [Item], limit: Int) {
        let hasMore = fetched.count > limit
        if hasMore { fetched.removeLast(fetched.count - limit) }
        self.init(data: fetched, hasMore: hasMore)
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

    /// The envelope and the first item's hint for each item: asking every item would copy each (a retain and a
    /// release of each of its strings), and the items of a page are alike.
    @inlinable
    public var jsonSizeHint: Int { 48 + data.count * (data.first?.jsonSizeHint ?? 0) }
}
