import Kernel
import Synchronization

/// The Accounts domain actor: operators, API keys, members, plans, clients, login links, sessions and brokers.
///
/// Every state change and the event it causes commit in one transaction. Authentication is on every request's
/// path, so verified API keys are cached in memory (``APIKeyCache``: keyed by their SHA-256, never the secret) and
/// `last_used_at` is written at most once a minute per key. Reads that change nothing are `nonisolated`: they go
/// straight to the database's readers without queueing behind the actor.
public actor Accounts {
    /// Tunables with production defaults.
    public struct Settings: Sendable {
        /// How long a one-time login link lives (72 h: long enough for a migration invite).
        public var loginLinkLifetime: Duration = .seconds(72 * 3600)
        /// How long a client session lives.
        public var sessionLifetime: Duration = .seconds(30 * 86_400)
        /// How long a dashboard member's sign-in lives.
        public var memberSessionLifetime: Duration = .seconds(12 * 3600)
        /// How long a soft-deleted client can be restored before their personal data is purged.
        public var retention: Duration = .seconds(30 * 86_400)
        /// PBKDF2 rounds for dashboard passwords.
        public var passwordIterations = 210_000

        public init() {}
    }

    nonisolated let database: Database
    nonisolated let clock: any WallClock
    let settings: Settings
    let hasher: PasswordHasher
    /// Shared with the `nonisolated` authentication path, hence a mutex rather than actor state.
    nonisolated let keyCache = Mutex(APIKeyCache())
    /// What `GET /v1/wl/me` reports per key (``operatorAndKey(operatorID:keyID:)``); a mutex for the same reason.
    nonisolated let profileCache = Mutex(KeyProfileCache())
    var adminTokenHash: [UInt8]?

    public init(database: Database, settings: Settings = Settings()) {
        self.database = database
        self.clock = database.clock
        self.settings = settings
        hasher = PasswordHasher(iterations: settings.passwordIterations)
        database.onNotification(Self.keysChannel) { [weak self] notification in self?.keysChanged(notification) }
        database.onNotification(Self.operatorsChannel) { [weak self] notification in self?.operatorChanged(notification) }
    }
}
