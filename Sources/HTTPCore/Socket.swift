import Glibc

/// The POSIX socket calls the server and the client make, with `errno` turned into results. All sockets are
/// non-blocking.
package enum Socket {
    /// What a read or a send did.
    package enum IOResult {
        case transferred(Int)
        case endOfFile
        case wouldBlock
        case failed(Int32)
    }

    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }

    /// Sends `first` then `second` with one `sendmsg` (gathered, so a head and its body leave in one segment).
    package static func send(_ fd: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> IOResult {
        var vectors = (
            iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)
        )
        return withUnsafeMutableBytes(of: &vectors) { raw in
            var message = msghdr()
            message.msg_iov = raw.baseAddress?.assumingMemoryBound(to: iovec.self)
            message.msg_iovlen = second.isEmpty ? 1 : 2
            while true {
                let count = sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
                if count >= 0 { return .transferred(count) }
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case let code: return .failed(code)
                }
            }
        }
    }

    /// Sends FIN: the peer sees the end of our stream while we can still read what it sends.
    package static func shutdownOutput(_ fd: Int32) { _ = shutdown(fd, Int32(SHUT_WR)) }

    package static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// Turns an integer socket option on; false (with `errno` set) when the kernel refuses.
    @discardableResult
    package static func enable(_ fd: Int32, _ level: Int32, _ name: Int32) -> Bool {
        var on: Int32 = 1
        return setsockopt(fd, level, name, &on, socklen_t(MemoryLayout<Int32>.size)) == 0
    }
}
