/// When a commit counts as done: what a power cut may take back.
public enum Durability: String, Sendable, CaseIterable {
    /// A commit returns once it is on stable storage (SQLite: WAL with `synchronous=FULL`, one fsync per commit
    /// group). A power cut loses nothing acknowledged. The default.
    case full
    /// A commit returns once it is in the operating system's hands (SQLite: WAL with `synchronous=NORMAL`, fsync at
    /// checkpoints only). Survives a crash of the process, not of the machine: a power cut may lose the last
    /// acknowledged commits.
    case normal
}
