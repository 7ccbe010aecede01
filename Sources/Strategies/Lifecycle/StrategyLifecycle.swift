import Kernel

/// The strategy state machine as a value: from a status, a command and the facts about the client, the next
/// status and the event to publish. No I/O; the actor reads the facts and writes the result.
///
/// | from \ command | deploy paper | deploy live                 | pause                          |
/// |----------------|--------------|-----------------------------|--------------------------------|
/// | draft          | → paper      | → live, `strategy.deployed` | 409 `invalid_transition`       |
/// | paper          | (no change)  | → live, `strategy.deployed` | → paused                       |
/// | live           | 409 `invalid_transition` (pause first) | (no change) | → paused, `strategy.paused` |
/// | paused         | → paper      | → live, `strategy.deployed` | (no change; first reason kept) |
///
/// Every deploy needs an active client (409 `user_deleted`); deploying live also needs a connected broker
/// (409 `broker_not_connected`). Repeating the current state is not an error: it changes nothing and publishes
/// nothing, so retries and replayed reactions are harmless. Nothing returns to `draft`.
enum StrategyLifecycle {
    enum Command: Equatable, Sendable {
        case deploy(TradingMode)
        case pause(PauseReason)
    }

    /// What the decision depends on besides the status.
    struct Facts: Equatable, Sendable {
        var clientActive: Bool
        var brokerConnected: Bool
    }

    /// A change of status and the event it publishes, if any.
    struct Transition: Equatable, Sendable {
        let to: StrategyStatus
        let event: Event?
    }

    /// Only entering and leaving live are events: they start and stop billing.
    enum Event: Equatable, Sendable {
        case deployed(from: StrategyStatus)
        case paused(PauseReason)
    }

    /// The transition `command` causes from `status`; nil when the strategy is already where it was asked to be.
    static func decide(_ status: StrategyStatus, _ command: Command, _ facts: Facts) throws -> Transition? {
        switch (status, command) {
        case (.paper, .deploy(.paper)), (.live, .deploy(.live)), (.paused, .pause):
            return nil
        case (.draft, .pause):
            throw invalid("A draft has not been deployed; there is nothing to pause.")
        case (.live, .deploy(.paper)):
            throw invalid("A live strategy must be paused before it moves to paper trading.")
        case (.paper, .pause):
            return Transition(to: .paused, event: nil)
        case (.live, .pause(let reason)):
            return Transition(to: .paused, event: .paused(reason))
        case (_, .deploy(let mode)):
            guard facts.clientActive else { throw DomainError(.conflict, code: .userDeleted, "The client is deleted; restore them first.") }
            guard mode == .paper || facts.brokerConnected else {
                throw DomainError(.conflict, code: .brokerNotConnected, "The client has no connected broker; live trading needs one.")
            }
            return Transition(to: mode.runningStatus, event: mode == .live ? .deployed(from: status) : nil)
        }
    }

    private static func invalid(_ message: String) -> DomainError {
        DomainError(.conflict, code: .invalidTransition, message)
    }
}
