/// What a refused connection gets on the wire, for each `ConnectionRefusal`: a `503` problem document with
/// `Connection: close`, encoded once when a server starts, so refusing costs no allocation and no formatting.
///
/// It answers no request (none was read), so it is the server's own problem shape rather than `errorResponder`'s,
/// which would stamp every refusal with one request id. It carries no `Date`: RFC 9110 §6.6.1 lets a 5xx omit it,
/// which is what lets the bytes be fixed.
struct RefusalResponses: Sendable {
    private let serverFull: [UInt8]
    private let addressLimit: [UInt8]
    private let overShare: [UInt8]

    init(_ configuration: HTTPServerConfiguration) {
        serverFull = Self.encode("The server is at its limit of \(configuration.maxConnections) open connections.")
        addressLimit = Self.encode(
            "Your address already holds \(configuration.maxConnectionsPerAddress) open connections, the most one address may hold.")
        overShare = Self.encode("The server is nearly full and your address holds more than its share of the open connections.")
    }

    subscript(reason: ConnectionRefusal) -> [UInt8] {
        switch reason {
        case .serverFull: serverFull
        case .addressLimit: addressLimit
        case .overShare: overShare
        }
    }

    private static func encode(_ detail: String) -> [UInt8] {
        let (head, body) = ResponseEncoder.encode(.problem(status: 503, detail: detail), context: .closing, date: nil)
        return head + body
    }
}
