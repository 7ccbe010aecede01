import HTTPCore

/// A server I/O thread's loop: the shared epoll loop and mailbox, carrying the server's jobs.
typealias EventLoop = HTTPCore.EventLoop<ServerJob>

/// What other threads post to a server I/O thread.
enum ServerJob: Sendable {
    /// A handler's response for a connection of this thread.
    case response(connection: UInt64, sequence: UInt64, HTTPResponse)
    /// A socket another I/O thread accepted for this one.
    case adopt(fd: Int32, peer: PeerAddress)
    case shutdown(deadline: UInt64)
}

extension HTTPCore.EventLoop where Job == ServerJob {
    /// The epoll token of the listening socket.
    static var listenerToken: UInt64 { 0 }
}
