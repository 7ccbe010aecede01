/// Why the server refused a new connection. A refused connection is never parsed: it gets one fixed `503` problem
/// response with `Connection: close` and is closed (see `HTTPServerConfiguration.maxConnections`).
public enum ConnectionRefusal: Sendable, Equatable, CaseIterable {
    /// `maxConnections` connections are open.
    case serverFull
    /// The client's address already holds `maxConnectionsPerAddress` connections.
    case addressLimit
    /// The server is nearly full and the client's address holds at least its share of the open connections.
    case overShare
}
