@testable import Strategies
import Kernel
import Testing

/// The state machine as a value: every status against every command, then the facts that can refuse a deploy.
@Suite struct StrategyLifecycleTests {
    typealias Transition = StrategyLifecycle.Transition
    static let ready = StrategyLifecycle.Facts(clientActive: true, brokerConnected: true)

    /// What one cell of the table must do: stay, move (with an event or not), or refuse.
    enum Expected: Sendable, Equatable {
        case stays
        case moves(Transition)
        case refused(ErrorCode)
    }

    @Test(arguments: [
        (StrategyStatus.draft, StrategyLifecycle.Command.deploy(.paper), Expected.moves(Transition(to: .paper, event: nil))),
        (.draft, .deploy(.live), .moves(Transition(to: .live, event: .deployed(from: .draft)))),
        (.draft, .pause(.clientPaused), .refused(.invalidTransition)),
        (.paper, .deploy(.paper), .stays),
        (.paper, .deploy(.live), .moves(Transition(to: .live, event: .deployed(from: .paper)))),
        (.paper, .pause(.clientPaused), .moves(Transition(to: .paused, event: nil))),
        (.live, .deploy(.paper), .refused(.invalidTransition)),
        (.live, .deploy(.live), .stays),
        (.live, .pause(.riskLimit), .moves(Transition(to: .paused, event: .paused(.riskLimit)))),
        (.paused, .deploy(.paper), .moves(Transition(to: .paper, event: nil))),
        (.paused, .deploy(.live), .moves(Transition(to: .live, event: .deployed(from: .paused)))),
        (.paused, .pause(.brokerDisconnected), .stays),
    ])
    func everyStatusAndCommand_followsTheTransitionTable(from: StrategyStatus, command: StrategyLifecycle.Command, expected: Expected) {
        #expect(Self.outcome(from, command, Self.ready) == expected)
    }

    @Test func deployingLive_withoutABroker_isRefused_butPaperNeedsNone() {
        let noBroker = StrategyLifecycle.Facts(clientActive: true, brokerConnected: false)
        #expect(Self.outcome(.draft, .deploy(.live), noBroker) == .refused(.brokerNotConnected))
        #expect(Self.outcome(.paused, .deploy(.live), noBroker) == .refused(.brokerNotConnected))
        #expect(Self.outcome(.draft, .deploy(.paper), noBroker) == .moves(Transition(to: .paper, event: nil)))
    }

    @Test func aDeletedClient_cannotDeploy_butCanStillBePaused() {
        let deleted = StrategyLifecycle.Facts(clientActive: false, brokerConnected: true)
        #expect(Self.outcome(.draft, .deploy(.paper), deleted) == .refused(.userDeleted))
        #expect(Self.outcome(.paused, .deploy(.live), deleted) == .refused(.userDeleted))
        #expect(Self.outcome(.live, .pause(.clientDeleted), deleted) == .moves(Transition(to: .paused, event: .paused(.clientDeleted))))
    }

    static func outcome(_ from: StrategyStatus, _ command: StrategyLifecycle.Command, _ facts: StrategyLifecycle.Facts) -> Expected {
        do {
            return try StrategyLifecycle.decide(from, command, facts).map(Expected.moves) ?? .stays
        } catch let error as DomainError {
            #expect(error.kind == .conflict)
            return .refused(error.code)
        } catch {
            return .refused(ErrorCode("\(error)"))
        }
    }
}
