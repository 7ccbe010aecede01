/// The writer thread's loop: takes the writes queued since the last commit and runs them as one group.
///
/// A group is one transaction (one fsync under ``Durability/full``). Each body runs in a `SAVEPOINT` of its own, so
/// a body that throws is rolled back alone and only its caller gets the error. Callers are resumed after the
/// commit, so a `write` returns only once its work is durable; the commit observers see the group's events once,
/// in order, before that.
struct GroupCommitter<Connection: EngineConnection> {
    let connection: Connection
    let clock: any WallClock
    let shared: WriterShared
    /// The most bodies one transaction takes (PostgreSQL keeps up to 64 subtransactions per transaction in shared
    /// memory; more make every concurrent snapshot slower). The rest wait for the next group.
    let maximumGroup: Int
    /// How long the connection may sit unused before it is let go (nil: kept).
    let idle: Duration?

    /// Runs groups until the queue is closed and drained.
    func run(_ queue: WorkQueue<any QueuedWrite>) {
        while true {
            let group = queue.popAll(limit: maximumGroup, idle: idle)
            if group.isEmpty {
                if queue.isClosed { return }
                connection.disconnect()
                continue
            }
            var remaining = group[...]
            while !remaining.isEmpty { remaining = commit(remaining) }
        }
    }

    /// Runs `group` in one transaction and settles every caller. Returns the bodies not run yet, when the engine
    /// ended the transaction by itself after an error (disk full, I/O error, a lost connection): those go into a
    /// new transaction.
    private func commit(_ group: ArraySlice<any QueuedWrite>) -> ArraySlice<any QueuedWrite> {
        do {
            try connection.beginWriteTransaction()
        } catch {
            for write in group { write.fail(error) }
            shared.count(writes: group.count, failed: group.count, commits: 0)
            return []
        }
        var done = [any QueuedWrite]()
        var events = [Event]()
        var messages = [BroadcastMessage]()
        // Callers learn of their body's failure once the counters include it (a caller may read them next).
        var refused = [(write: any QueuedWrite, error: any Error)]()
        defer { for (write, error) in refused { write.fail(error) } }
        for index in group.indices {
            let write = group[index]
            let tx = Transaction(session: connection, now: clock.now(), isWrite: true)
            do {
                try connection.execute("SAVEPOINT body", [])
                try write.run(tx)
                try connection.execute("RELEASE body", [])
                done.append(write)
                events += tx.published
                messages += tx.broadcasts
            } catch {
                refused.append((write, error))
                if !rollBackToSavepoint() {
                    refused += done.map { ($0, error) }
                    shared.count(writes: index - group.startIndex + 1, failed: index - group.startIndex + 1, commits: 0)
                    return group[(index + 1)...]
                }
            }
        }
        do {
            if !messages.isEmpty { try connection.send(messages) }
            try connection.execute("COMMIT", [])
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK", []) }
            refused += done.map { ($0, error) }
            shared.count(writes: group.count, failed: group.count, commits: 0)
            return []
        }
        shared.count(writes: group.count, failed: group.count - done.count, commits: 1)
        if !events.isEmpty { shared.notify(events) }
        if !messages.isEmpty { shared.broadcastLocally(messages) }
        for write in done { write.succeed() }
        return []
    }

    /// Undoes the failed body's work; false when the transaction itself is gone (and so is the group's work).
    private func rollBackToSavepoint() -> Bool {
        guard connection.isInTransaction else { return false }
        do {
            try connection.execute("ROLLBACK TO body", [])
            try connection.execute("RELEASE body", [])
            return true
        } catch {
            try? connection.execute("ROLLBACK", [])
            return false
        }
    }
}
