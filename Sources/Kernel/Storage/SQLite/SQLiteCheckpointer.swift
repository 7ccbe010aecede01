import Synchronization

/// Copies the WAL's committed pages back into the database file on a thread and connection of its own, so that the
/// writer thread does not: SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages,
/// and every write queued behind that commit waits for the copy and its fsync (16 % of the writer thread's time
/// under a create load, measured with perf).
///
/// The writer reports the WAL's size after each commit (``walCommitted(pages:)``). Past ``Thresholds/background``
/// pages this thread runs a passive checkpoint, which copies what is committed while the writer goes on appending.
/// Such a checkpoint rarely catches up with a writer that never pauses, and SQLite starts the WAL over only once
/// every frame is copied; so past ``Thresholds/inline`` pages the writer checkpoints itself, as SQLite would have:
/// by then nearly every frame is copied already, and the WAL starts over at the next write. Durability is SQLite's
/// either way: a checkpoint syncs the WAL before copying and the database file after.
final class SQLiteCheckpointer: Sendable {
    /// When checkpoints run, in WAL pages.
    struct Thresholds: Sendable {
        /// The WAL size from which this thread checkpoints (SQLite's own automatic checkpoint: 1,000).
        var background = 1_000
        /// The WAL size from which the writer checkpoints itself, so that the WAL starts over.
        var inline = 4_000
    }

    let thresholds: Thresholds
    private let requests = WorkQueue<Void>()
    private let counters = Counters()
    private let thread = StorageThreads()

    /// Shared by the caller's side and the thread, which must not keep the checkpointer itself alive.
    private final class Counters: Sendable {
        /// Whether a request is queued and not yet taken by the thread.
        let requested = Atomic<Bool>(false)
        let completed = Atomic<Int>(0)
    }

    /// Opens a read-write connection to `path` (which the writer has created) and starts the thread that owns it.
    init(path: String, durability: Durability, thresholds: Thresholds = Thresholds()) throws {
        self.thresholds = thresholds
        let handoff = ThreadHandoff(try SQLiteConnection(path: path, role: .checkpointer(durability)))
        let (requests, counters) = (self.requests, self.counters)
        thread.start("sqlite-checkpointer", priority: .background) {
            let connection = handoff.value
            while !requests.popAll().isEmpty {
                counters.requested.store(false, ordering: .sequentiallyConsistent)
                // A checkpoint that fails (busy, an I/O error) leaves the WAL as it was: the next request tries again,
                // and the writer's own checkpoint still bounds the WAL.
                if (try? connection.checkpointPassively()) != nil { counters.completed.add(1, ordering: .relaxed) }
            }
        }
    }

    deinit { requests.close() }

    /// Called by the writer thread after each commit with the WAL's size in pages: asks this thread for a checkpoint
    /// past the background threshold. Returns true when the writer should checkpoint itself now.
    func walCommitted(pages: Int) -> Bool {
        if pages >= thresholds.inline { return true }
        if pages >= thresholds.background, !counters.requested.exchange(true, ordering: .sequentiallyConsistent) {
            _ = requests.push(())
        }
        return false
    }

    /// Checkpoints this thread finished since it started.
    var checkpoints: Int { counters.completed.load(ordering: .relaxed) }

    /// Runs the checkpoint already asked for, closes the connection and returns once the thread has ended.
    func close() async {
        requests.close()
        await thread.waitUntilEnded()
    }
}
