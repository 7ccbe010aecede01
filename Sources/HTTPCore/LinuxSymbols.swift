import Glibc

/// The Linux calls the `Glibc` module does not export (`<sys/epoll.h>`, `<sys/eventfd.h>`, `accept4`), looked up
/// once with `dlsym` from the C library the process already links, and called through C function pointers.
package struct LinuxSymbols: Sendable {
    package typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    package typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    package typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    package typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
    package typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    package let epollCreate1: EpollCreate1
    package let epollCtl: EpollCtl
    package let epollWait: EpollWait
    package let eventfd: EventFD
    package let accept4: Accept4

    /// The resolved calls; a missing symbol is a broken C library, which no server can run on.
    package static let shared: LinuxSymbols = {
        let library = dlopen(nil, RTLD_NOW)
        func resolve<F>(_ name: String, as type: F.Type) -> F {
            guard let symbol = dlsym(library, name) else { fatalError("libc does not export \(name)") }
            return unsafeBitCast(symbol, to: type)
        }
        return LinuxSymbols(
            epollCreate1: resolve("epoll_create1", as: EpollCreate1.self),
            epollCtl: resolve("epoll_ctl", as: EpollCtl.self),
            epollWait: resolve("epoll_wait", as: EpollWait.self),
            eventfd: resolve("eventfd", as: EventFD.self),
            accept4: resolve("accept4", as: Accept4.self)
        )
    }()

    // Constants from the Linux UAPI headers; they are part of the kernel ABI and never change.
    package static let closeOnExec: Int32 = 0o2_000_000  // O_CLOEXEC, EPOLL_CLOEXEC, EFD_CLOEXEC, SOCK_CLOEXEC
    package static let nonBlocking: Int32 = 0o4_000  // O_NONBLOCK, EFD_NONBLOCK, SOCK_NONBLOCK
}
