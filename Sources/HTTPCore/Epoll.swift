import Glibc

/// An epoll instance: the readiness queue one I/O thread waits on. Registrations carry a 64-bit token that comes
/// back with each event. `epoll_ctl` and `epoll_wait` are thread-safe, so the handle is freely shareable.
package struct Epoll: Sendable {
    /// Readiness bits (`EPOLL*` from `<sys/epoll.h>`).
    package struct Events: OptionSet, Sendable {
        package let rawValue: UInt32
        package init(rawValue: UInt32) { self.rawValue = rawValue }
        package static let readable = Events(rawValue: 0x001)  // EPOLLIN
        package static let writable = Events(rawValue: 0x004)  // EPOLLOUT
        package static let error = Events(rawValue: 0x008)  // EPOLLERR
        package static let hangUp = Events(rawValue: 0x010)  // EPOLLHUP
        package static let readHangUp = Events(rawValue: 0x2000)  // EPOLLRDHUP
        package static let exclusive = Events(rawValue: 1 << 28)  // EPOLLEXCLUSIVE: wake one waiter, not all
        package static let edgeTriggered = Events(rawValue: 1 << 31)  // EPOLLET
    }

    /// `struct epoll_event` is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    #if arch(x86_64)
    static let eventStride = 12
    static let dataOffset = 4
    #else
    static let eventStride = 16
    static let dataOffset = 8
    #endif

    /// Room for the events one `wait` returns.
    package struct EventBuffer: ~Copyable {
        package let capacity: Int
        let bytes: UnsafeMutableRawPointer

        package init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(byteCount: capacity * Epoll.eventStride, alignment: 8)
        }
        deinit { bytes.deallocate() }

        package func events(at index: Int) -> Events {
            Events(rawValue: bytes.loadUnaligned(fromByteOffset: index * Epoll.eventStride, as: UInt32.self))
        }
        package func token(at index: Int) -> UInt64 {
            bytes.loadUnaligned(fromByteOffset: index * Epoll.eventStride + Epoll.dataOffset, as: UInt64.self)
        }
    }

    package let fd: Int32

    package init() throws(SystemCallError) {
        fd = LinuxSymbols.shared.epollCreate1(LinuxSymbols.closeOnExec)
        guard fd >= 0 else { throw SystemCallError("epoll_create1") }
    }

    package func add(_ target: Int32, events: Events, token: UInt64) throws(SystemCallError) {
        try control(1 /* EPOLL_CTL_ADD */, target, events: events, token: token)
    }

    package func remove(_ target: Int32) {
        try? control(2 /* EPOLL_CTL_DEL */, target, events: [], token: 0)
    }

    private func control(_ operation: Int32, _ target: Int32, events: Events, token: UInt64) throws(SystemCallError) {
        var event: (UInt64, UInt64) = (0, 0)  // 16 bytes: fits either layout
        let result = withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: events.rawValue, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: token, toByteOffset: Epoll.dataOffset, as: UInt64.self)
            return LinuxSymbols.shared.epollCtl(fd, operation, target, raw.baseAddress)
        }
        guard result == 0 else { throw SystemCallError("epoll_ctl") }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and returns how many events landed in `buffer`.
    package func wait(into buffer: borrowing EventBuffer, timeoutMilliseconds: Int32) -> Int {
        let count = LinuxSymbols.shared.epollWait(fd, buffer.bytes, Int32(buffer.capacity), timeoutMilliseconds)
        return max(0, Int(count))  // EINTR and friends: nothing happened
    }

    package func close() { _ = Glibc.close(fd) }
}
