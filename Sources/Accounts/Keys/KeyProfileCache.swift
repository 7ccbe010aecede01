import Kernel

/// What `GET /v1/wl/me` reports about a key, in memory: the operator and the key's own row, by key id. Without it
/// every call of that route (which API clients use as their health check) is a database read; with it the route
/// is answered from memory like authentication. A pure value: ``Accounts`` keeps it behind a mutex and does the I/O.
///
/// Everything that changes what an entry holds invalidates it once the change is committed, in this process and,
/// through a broadcast, in every other one on the database: an operator's update (``Invalidation/operator(_:)``), a
/// change to an operator's keys of one mode (``Invalidation/scope(_:)``, with the ``APIKeyCache``'s invalidations),
/// and this process recording a key's use (``Invalidation/key(_:)``: `last_used_at` is then read again). A use
/// recorded by another replica is not broadcast: `last_used_at` may lag it until this replica records one itself,
/// which it does at least once a minute while the key is in use here.
///
/// Like ``APIKeyCache``, each invalidation moves ``generation`` on, and a load is kept only if none came between the
/// start of its read and its ``store(_:loadedAt:)``.
struct KeyProfileCache {
    /// What an invalidation drops.
    enum Invalidation: Sendable, Hashable {
        /// Every entry of one operator (its row changed).
        case `operator`(String)
        /// Every entry of one operator's keys in one mode.
        case scope(TenantScope)
        /// One key's entry.
        case key(String)
        case all
    }

    /// One key's operator and row, as one read found them.
    struct Profile: Sendable {
        let `operator`: Operator
        let key: APIKeyInfo
    }

    /// Entries kept at most; past it the cache starts again empty.
    static let capacity = 10_000

    private var profiles: [String: Profile] = [:]
    /// Moves on at every invalidation.
    private(set) var generation: UInt64 = 0

    subscript(keyID: String) -> Profile? { profiles[keyID] }

    /// Keeps `profile` unless an invalidation came after `generation` (read before the load). Returns whether it
    /// was kept.
    @discardableResult
    mutating func store(_ profile: Profile, loadedAt generation: UInt64) -> Bool {
        guard generation == self.generation else { return false }
        if profiles.count >= Self.capacity { profiles.removeAll() }
        profiles[profile.key.id] = profile
        return true
    }

    mutating func invalidate(_ invalidation: Invalidation) {
        generation &+= 1
        switch invalidation {
        case .operator(let id): profiles = profiles.filter { $0.value.operator.id != id }
        case .scope(let scope): profiles = profiles.filter { $0.value.operator.id != scope.operatorID || $0.value.key.mode != scope.mode }
        case .key(let id): profiles[id] = nil
        case .all: profiles.removeAll()
        }
    }
}
