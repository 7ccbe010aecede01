/// Something the server observed that the application may want to log or count, delivered through
/// `HTTPServerConfiguration.onEvent`.
public enum HTTPServerEvent: Sendable, Equatable {
    /// A request was refused before reaching the handler (malformed, too large, timed out); the connection closes.
    case requestRejected(status: Int, detail: String, remoteAddress: String)
    /// A handler missed `handlerTimeout`; the client got 503 and the handler's task was cancelled.
    case handlerTimedOut(method: HTTPMethod, target: String, remoteAddress: String)
    /// A connection was refused with 503 before a byte of it was read: the server was full, the client's address
    /// held its limit, or the server was nearly full and that address held its share.
    case connectionRefused(remoteAddress: String, reason: ConnectionRefusal)
    /// `accept` failed (e.g. `EMFILE`: out of file descriptors); accepting pauses briefly.
    case acceptFailed(errno: Int32)
}
