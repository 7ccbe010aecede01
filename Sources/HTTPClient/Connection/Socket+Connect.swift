import Glibc
import HTTPCore

/// The connecting side: a non-blocking connect and its outcome.
extension Socket {
    enum ConnectStart {
        case connected(fd: Int32)
        /// Writable readiness on `fd` will tell how it went (``pendingError(_:)``).
        case inProgress(fd: Int32)
        case failed(errno: Int32)
    }

    /// Starts a TCP connection to `address:port` on a new non-blocking socket with `TCP_NODELAY` (each request
    /// leaves in one write: never wait for an ACK).
    static func connect(to address: IPAddress, port: Int) -> ConnectStart {
        let family = address.isIPv4 ? AF_INET : AF_INET6
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | LinuxSymbols.nonBlocking | LinuxSymbols.closeOnExec, 0)
        guard fd >= 0 else { return .failed(errno: errno) }
        enable(fd, Int32(IPPROTO_TCP), TCP_NODELAY)
        var (storage, length) = address.socketAddress(port: port)
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        if result == 0 { return .connected(fd: fd) }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return .inProgress(fd: fd) }
        close(fd)
        return .failed(errno: code)
    }

    /// The outcome of a connect in progress: 0 when connected, else its `errno`.
    static func pendingError(_ fd: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return errno }
        return code
    }

    /// `strerror` as a Swift string.
    static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }
}
