import Glibc
import Synchronization

/// The mailbox of one I/O thread and its epoll instance. Other threads post jobs and wake the thread through an
/// eventfd, but only when it is asleep in `epoll_wait` and not already woken: under load, jobs are picked up
/// without any wake-up syscall. `Job` is what the thread's owner posts (the server: responses, sockets to adopt,
/// shutdown; the client: requests, resolved addresses, cancellations).
///
/// epoll tokens 0 and 1 are reserved: 1 is the wake-up, 0 is left to the owner (the server's listener).
package final class EventLoop<Job: Sendable>: Sendable {
    private struct Mailbox {
        var jobs: [Job] = []
        var sleeping = false
        var woken = false
        var closed = false
    }

    /// The epoll token of the wake-up eventfd.
    package static var wakeToken: UInt64 { 1 }
    /// The first token free for the owner's sockets.
    package static var firstFreeToken: UInt64 { 2 }

    package let epoll: Epoll
    private let wakeFD: Int32
    private let mailbox = Mutex(Mailbox())

    package init() throws(SystemCallError) {
        epoll = try Epoll()
        wakeFD = LinuxSymbols.shared.eventfd(0, LinuxSymbols.nonBlocking | LinuxSymbols.closeOnExec)
        do throws(SystemCallError) {
            guard wakeFD >= 0 else { throw SystemCallError("eventfd") }
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
    package func post(_ job: Job) -> Bool {
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

    /// Called by the loop's thread: sleeps in `epoll_wait` until an event, a posted job or `deadline` (monotonic
    /// nanoseconds; `.max`: none), and not at all while jobs are pending; then swaps the jobs posted meanwhile into
    /// `jobs`, which must be empty (the two arrays trade capacity so neither reallocates). Returns how many events
    /// landed in `events`, and the time after waking.
    package func wait(into events: borrowing Epoll.EventBuffer, until deadline: UInt64, jobs: inout [Job]) -> (count: Int, now: UInt64) {
        let sleeping = mailbox.withLock { mailbox in
            mailbox.sleeping = mailbox.jobs.isEmpty
            return mailbox.sleeping
        }
        let count = epoll.wait(into: events, timeoutMilliseconds: sleeping ? Self.milliseconds(until: deadline) : 0)
        mailbox.withLock { mailbox in
            mailbox.sleeping = false
            mailbox.woken = false
            swap(&mailbox.jobs, &jobs)
        }
        return (count, MonotonicClock.now())
    }

    /// Milliseconds from now until `deadline`, rounded up; -1 (forever) when there is none.
    private static func milliseconds(until deadline: UInt64) -> Int32 {
        guard deadline != .max else { return -1 }
        let now = MonotonicClock.now()
        guard deadline > now else { return 0 }
        return Int32(clamping: (deadline - now + 999_999) / 1_000_000)
    }

    /// Resets the eventfd after it woke the loop.
    package func consumeWakeUp() {
        var count: UInt64 = 0
        _ = read(wakeFD, &count, 8)
    }

    /// Stops accepting jobs and returns those still pending.
    package func close() -> [Job] {
        mailbox.withLock { mailbox in
            mailbox.closed = true
            defer { mailbox.jobs = [] }
            return mailbox.jobs
        }
    }
}
