import Glibc

/// An epoll instance: the readiness queue one I/O thread waits on. Registrations carry a 64-bit token that comes
/// back with each event. `epoll_ctl` and `epoll_wait` are thread-safe, so the handle is freely shareable.
struct Epoll: Sendable {
    /// Readiness bits (`EPOLL*` from `<sys/epoll.h>`).
    struct Events: OptionSet, Sendable {
        let rawValue: UInt32
        static let readable = Events(rawValue: 0x001)  // EPOLLIN
        static let writable = Events(rawValue: 0x004)  // EPOLLOUT
        static let error = Events(rawValue: 0x008)  // EPOLLERR
        static let hangUp = Events(rawValue: 0x010)  // EPOLLHUP
        static let readHangUp = Events(rawValue: 0x2000)  // EPOLLRDHUP
        static let exclusive = Events(rawValue: 1 << 28)  // EPOLLEXCLUSIVE: wake one waiter, not all
        static let edgeTriggered = Events(rawValue: 1 << 31)  // EPOLLET
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
    struct EventBuffer: ~Copyable {
        let capacity: Int
        let bytes: UnsafeMutableRawPointer

        init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(byteCount: capacity * Epoll.eventStride, alignment: 8)
        }
        deinit { bytes.deallocate() }

        func events(at index: Int) -> Events {
            Events(rawValue: bytes.loadUnaligned(fromByteOffset: index * Epoll.eventStride, as: UInt32.self))
        }
        func token(at index: Int) -> UInt64 {
            bytes.loadUnaligned(fromByteOffset: index * Epoll.eventStride + Epoll.dataOffset, as: UInt64.self)
        }
    }

    let fd: Int32

    init() throws(HTTPServerError) {
        fd = LinuxSymbols.shared.epollCreate1(LinuxSymbols.closeOnExec)
        guard fd >= 0 else { throw .system("epoll_create1", errno) }
    }

    func add(_ target: Int32, events: Events, token: UInt64) throws(HTTPServerError) {
        try control(1 /* EPOLL_CTL_ADD */, target, events: events, token: token)
    }

    func remove(_ target: Int32) {
        try? control(2 /* EPOLL_CTL_DEL */, target, events: [], token: 0)
    }

    private func control(_ operation: Int32, _ target: Int32, events: Events, token: UInt64) throws(HTTPServerError) {
        var event: (UInt64, UInt64) = (0, 0)  // 16 bytes: fits either layout
        let result = withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: events.rawValue, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: token, toByteOffset: Epoll.dataOffset, as: UInt64.self)
            return LinuxSymbols.shared.epollCtl(fd, operation, target, raw.baseAddress)
        }
        guard result == 0 else { throw .system("epoll_ctl", errno) }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and returns how many events landed in `buffer`.
    func wait(into buffer: borrowing EventBuffer, timeoutMilliseconds: Int32) -> Int {
        let count = LinuxSymbols.shared.epollWait(fd, buffer.bytes, Int32(buffer.capacity), timeoutMilliseconds)
        return max(0, Int(count))  // EINTR and friends: nothing happened
    }

    func close() { _ = Glibc.close(fd) }
}
