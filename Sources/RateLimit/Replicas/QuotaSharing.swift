/// Where the operators' quotas are counted.
public enum QuotaSharing: Sendable, Equatable {
    /// In this process's memory, persisted every few seconds: one process owns the database (SQLite).
    case process
    /// In shared rows that every replica leases batches of tokens from (PostgreSQL, where several `serve` processes
    /// may share one database). `sharePerMille` is the most of a bucket one replica holds, in thousandths of its
    /// capacity: with N replicas the clients get at most N × that share more than the limit.
    case replicas(sharePerMille: Int)

    /// A replica holds at most 2.5 % of a bucket, so two replicas overshoot by at most 5 %.
    public static let replicas = QuotaSharing.replicas(sharePerMille: 25)
}
