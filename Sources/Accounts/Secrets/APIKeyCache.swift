import Kernel

/// Verified API keys in memory, so that authenticating a request costs a hash and a dictionary lookup instead of a
/// database round trip. A pure value: ``Accounts`` keeps it behind a mutex and does the I/O.
///
/// - Keyed by the key's SHA-256 (the form `api_keys` stores), never by the key itself.
/// - An entry keeps the key's `expires_at`: a rotated-out key stops working the moment its grace ends, by time alone.
/// - Whatever changes keys (a rotation, a revocation) calls ``invalidate(_:)`` once its change is committed; the
///   entries it names are dropped and reloaded from the database on their next use. Every invalidation moves
///   ``generation`` on, and a load stores its row only if no invalidation came between the start of its read and
///   its ``store(_:hash:loadedAt:)``, so a row read before a change never outlives the change.
/// - ``invalidate(_:)`` is the one way in for changes: an engine shared by several processes (PostgreSQL replicas)
///   calls it when another process reports a change.
public struct APIKeyCache {
    /// What an invalidation drops.
    public enum Invalidation: Sendable, Hashable {
        /// Every cached key of one operator in one mode.
        case scope(TenantScope)
        /// Every cached key (e.g. after a notification channel reconnected and may have missed changes).
        case all
    }

    /// A key as the database had it when it was loaded.
    struct Entry {
        let principal: KeyPrincipal
        let expiresAt: Timestamp?
        /// When this process last wrote the key's `last_used_at`.
        var lastUseRecorded: Timestamp?
    }

    /// What ``lookup(_:now:)`` found.
    enum Lookup: Equatable {
        /// A live key; when `recordUse` is true the caller writes `last_used_at` (at most once per ``useInterval``).
        case hit(KeyPrincipal, recordUse: Bool)
        /// The key's grace ended (or it was revoked): it authenticates nobody, and it is forgotten.
        case expired
        /// Not cached: the caller loads it and hands it to ``store(_:hash:loadedAt:)`` with this generation.
        case miss(generation: UInt64)
    }

    /// How often one key's `last_used_at` is written.
    static let useInterval = Duration.seconds(60)
    /// Entries kept at most; past it the cache starts again empty (only a flood of distinct valid keys gets there).
    static let capacity = 10_000

    private var entries: [[UInt8]: Entry] = [:]
    /// Moves on at every invalidation.
    private(set) var generation: UInt64 = 0

    var count: Int { entries.count }

    mutating func lookup(_ hash: [UInt8], now: Timestamp) -> Lookup {
        guard var entry = entries[hash] else { return .miss(generation: generation) }
        if let expiry = entry.expiresAt, expiry <= now {
            entries[hash] = nil
            return .expired
        }
        let recordUse = entry.lastUseRecorded.map { now - $0 >= Self.useInterval } ?? true
        if recordUse {
            entry.lastUseRecorded = now
            entries[hash] = entry
        }
        return .hit(entry.principal, recordUse: recordUse)
    }

    /// Keeps a loaded key unless an invalidation came after `generation` (what ``lookup(_:now:)`` returned before
    /// the load). Returns whether it was kept.
    @discardableResult
    mutating func store(_ entry: Entry, hash: [UInt8], loadedAt generation: UInt64) -> Bool {
        guard generation == self.generation else { return false }
        if entries.count >= Self.capacity { entries.removeAll() }
        entries[hash] = entry
        return true
    }

    mutating func invalidate(_ invalidation: Invalidation) {
        generation &+= 1
        switch invalidation {
        case .scope(let scope): entries = entries.filter { $0.value.principal.scope != scope }
        case .all: entries.removeAll()
        }
    }
}
