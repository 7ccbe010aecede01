import Glibc
import HTTPCore

/// The listening side: binding, accepting, and naming the peer.
extension Socket {
    /// What an accept did.
    enum AcceptResult {
        case accepted(fd: Int32, peer: PeerAddress)
        case wouldBlock
        case failed(Int32)
    }

    /// Binds and listens on `host:port` (port 0: the kernel picks one); returns the socket and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found?.pointee else {
            throw .invalidAddress(host)
        }
        defer { freeaddrinfo(found) }

        let fd = socket(address.ai_family, Int32(SOCK_STREAM.rawValue) | LinuxSymbols.nonBlocking | LinuxSymbols.closeOnExec, 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        do throws(HTTPServerError) {
            guard enable(fd, SOL_SOCKET, SO_REUSEADDR) else { throw HTTPServerError.system("setsockopt", errno) }
            guard bind(fd, address.ai_addr, address.ai_addrlen) == 0 else { throw HTTPServerError.system("bind", errno) }
            guard Glibc.listen(fd, backlog) == 0 else { throw HTTPServerError.system("listen", errno) }
            return (fd, try boundPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = LinuxSymbols.nonBlocking | LinuxSymbols.closeOnExec
        while true {
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { LinuxSymbols.shared.accept4(listener, $0, &length, flags) }
            }
            if fd >= 0 { return .accepted(fd: fd, peer: PeerAddress(address)) }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }

    /// Sets `TCP_NODELAY`: each response goes out in one write, so it must never wait for an ACK (Nagle).
    static func disableNagle(_ fd: Int32) { enable(fd, Int32(IPPROTO_TCP), TCP_NODELAY) }

    private static func boundPort(_ fd: Int32) throws(HTTPServerError) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw .system("getsockname", errno) }
        return withUnsafeBytes(of: address) { raw in
            // sin_port and sin6_port sit at the same offset, in network byte order.
            Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
        }
    }
}
