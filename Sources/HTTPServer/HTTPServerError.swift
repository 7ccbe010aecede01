import Glibc

/// Why `HTTPServer.start()` failed.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `start()` was called on a server that is running or was shut down.
    case alreadyStarted
    /// The configured host is not a numeric address or a name that resolves.
    case invalidAddress(String)
    /// A system call failed: its name and `errno`.
    case system(String, Int32)

    public var description: String {
        switch self {
        case .alreadyStarted: "the server was already started"
        case .invalidAddress(let host): "cannot resolve listen address \(host)"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
