import HTTPServer
import Synchronization

/// The HTTP server, for the gateway's `/metrics` (open connections): the gateway is built before the server it
/// is the handler of, so it reads the server through this late-bound reference.
final class ServerReference: Sendable {
    private let server = Mutex<HTTPServer?>(nil)

    func set(_ server: HTTPServer) { self.server.withLock { $0 = server } }

    var value: HTTPServer? { server.withLock { $0 } }
}
