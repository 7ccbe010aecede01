import Kernel

/// The Strategies domain actor: templates and their versions, pushes to clients and plans, client strategies and
/// their lifecycle (draft → paper → live → paused), and the trading engine's feeds (risk breaches, P&L).
///
/// It knows clients and operators only from the bus: subscribe ``eventHandler`` before the bus starts. Every state
/// change and the event it causes (`strategy.deployed`, `strategy.paused`) commit in one transaction.
public actor Strategies {
    /// Tunables with production defaults.
    public struct Settings: Sendable {
        /// Recipients a push processes per transaction. A push whose recipients all fit in one batch completes
        /// before `push` returns; larger ones run on the push worker.
        public var pushBatchSize = 500
        /// How long the push worker waits before retrying after a storage failure (doubling, capped).
        public var workerBackoff = RetryBackoff(base: .milliseconds(100), cap: .seconds(30))

        public init() {}
    }

    let database: Database
    let settings: Settings
    let logger: Logger
    /// The bus subscriber that keeps the read model of clients and operators and pauses strategies on
    /// `user.deleted` and `broker.disconnected`.
    public nonisolated let eventHandler: any EventHandler
    var worker: Task<Void, Never>?
    var wakeWorker: AsyncStream<Void>.Continuation?

    /// The other modules' events Strategies reads, with the mirrors it decodes them into (for contract tests).
    public static var consumedEvents: [EventMirror] { AccountsMessage.mirrors }

    public init(database: Database, logger: Logger = .discard, settings: Settings = Settings()) {
        self.database = database
        self.logger = logger
        self.settings = settings
        eventHandler = StrategiesEventHandler(logger: logger)
    }
}
