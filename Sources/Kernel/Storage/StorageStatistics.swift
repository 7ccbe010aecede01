/// Counters of a storage engine since it opened, for `/metrics` and benchmarks.
public struct StorageStatistics: Sendable, Equatable {
    /// Write bodies run (committed or not).
    public var writes = 0
    /// Write bodies that threw or whose transaction did not commit; their work was rolled back.
    public var failedWrites = 0
    /// Transactions committed. With group commit one holds many writes: `writes / commits` is the mean group size.
    public var commits = 0

    public init(writes: Int = 0, failedWrites: Int = 0, commits: Int = 0) {
        self.writes = writes
        self.failedWrites = failedWrites
        self.commits = commits
    }
}
