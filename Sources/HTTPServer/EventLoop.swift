import Glibc
import Synchronization

/// The mailbox of one I/O thread and its epoll instance. Other threads post jobs (a handler's response, a socket
/// accepted by another I/O thread, shutdown) and wake the thread through an eventfd, but only when it is asleep
/// in `epoll_wait` and not already woken: under load, responses are picked up without any wake-up syscall.
final class EventLoop: Sendable {
    enum Job: Sendable {
        case response(connection: UInt64, sequence: UInt64, HTTPResponse)
        case adopt(fd: Int32, peer: PeerAddress)
        case shutdown(deadline: UInt64)
    }

    private struct Mailbox {
        var jobs: [Job] = []
        var sleeping = false
        var woken = false
        var closed = false
    }

    /// epoll tokens that are not connections.
    static let listenerToken: UInt64 = 0
    static let wakeToken: UInt64 = 1

    let epoll: Epoll
    private let wakeFD: Int32
    private let mailbox = Mutex(Mailbox())

    init() throws(HTTPServerError) {
        epoll = try Epoll()
        wakeFD = LinuxSymbols.shared.eventfd(0, LinuxSymbols.nonBlocking | LinuxSymbols.closeOnExec)
        do throws(HTTPServerError) {
            guard wakeFD >= 0 else { throw .system("eventfd", errno) }
            try epoll.add(wakeFD, events: .readable, token: Self.wakeToken)
        } catch {
            if wakeFD >= 0 { Glibc.close(wakeFD) }
            epoll.close()
            throw error
        }
    }

    /// Posters hold a reference while they post, so the descriptors outlive every wake-up write.
    deinit {
        Glibc.close(wakeFD)
        epoll.close()
    }

    /// Queues `job`; false when the loop has stopped, and the caller disposes of what the job carries.
    @discardableResult
    func post(_ job: Job) -> Bool {
        let outcome = mailbox.withLock { mailbox -> (accepted: Bool, wake: Bool) in
            guard !mailbox.closed else { return (false, false) }
            mailbox.jobs.append(job)
            guard mailbox.sleeping && !mailbox.woken else { return (true, false) }
            mailbox.woken = true
            return (true, true)
        }
        if outcome.wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
        return outcome.accepted
    }

    /// Called by the loop's thread before `epoll_wait`: false when jobs are pending and it must not block.
    func prepareToSleep() -> Bool {
        mailbox.withLock { mailbox in
            mailbox.sleeping = mailbox.jobs.isEmpty
            return mailbox.sleeping
        }
    }

    /// Called by the loop's thread after `epoll_wait`: swaps the pending jobs into `jobs` (which must be empty;
    /// the two arrays trade capacity so neither reallocates).
    func takeJobs(into jobs: inout [Job]) {
        mailbox.withLock { mailbox in
            mailbox.sleeping = false
            mailbox.woken = false
            swap(&mailbox.jobs, &jobs)
        }
    }

    /// Resets the eventfd after it woke the loop.
    func consumeWakeUp() {
        var count: UInt64 = 0
        _ = read(wakeFD, &count, 8)
    }

    /// Stops accepting jobs and returns those still pending.
    func close() -> [Job] {
        mailbox.withLock { mailbox in
            mailbox.closed = true
            defer { mailbox.jobs = [] }
            return mailbox.jobs
        }
    }
}
