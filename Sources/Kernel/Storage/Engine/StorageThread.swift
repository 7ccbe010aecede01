import Foundation

/// Starts the dedicated threads the storage engines run their connections on (never Swift's cooperative pool,
/// which the blocking database calls would hold up).
enum StorageThread {
    /// Starts a thread named `name` that runs `body` once and ends.
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.start()
    }
}
