import CThreads
import Foundation

/// Threads whose name reaches the kernel: Foundation's `Thread.name` stays inside Foundation on Linux, so `top -H`,
/// `ps -L` and `perf` would show every I/O thread under the name of the Dispatch thread that started it.
package enum NamedThread {
    /// Starts a thread named `name` (its first 15 bytes for the kernel) that runs `body` once.
    package static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            _ = cthreads_name_current_thread(name)
            body()
        }
        thread.name = name
        thread.start()
    }
}
