/// One page of a client's strategies, newest first: the API's list envelope.
public struct StrategyList: Codable, Sendable, Equatable {
    public var object = "list"
    public let data: [Strategy]
    public let hasMore: Bool

    enum CodingKeys: String, CodingKey { case object, data, hasMore = "has_more" }
}
