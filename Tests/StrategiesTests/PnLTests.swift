@testable import Strategies
import Kernel
import Testing
import TestSupport

@Suite(.databases) struct PnLTests {
    @Test func pnlReports_applyOnlyWhenNewerThanTheLastOneApplied() async throws {
        let f = try await StrategiesFixture()
        let user = try await f.addClient(f.live)
        try await f.push(f.live, to: .user(user))
        let id = try await f.strategy(of: user, f.live).id
        #expect(try await f.strategy(of: user, f.live).pnl == StrategyPnL(realizedPaise: 0, unrealizedPaise: 0, asOf: nil))

        let t0 = f.clock.now()
        #expect(try await f.strategies.recordPnL(strategyID: id, realizedPaise: 1_000, unrealizedPaise: -200, asOf: t0))
        #expect(try await f.strategies.recordPnL(strategyID: id, realizedPaise: 5, unrealizedPaise: 5, asOf: t0 - .seconds(1)) == false)
        #expect(try await f.strategies.recordPnL(strategyID: id, realizedPaise: 5, unrealizedPaise: 5, asOf: t0) == false)
        #expect(try await f.strategy(of: user, f.live).pnl == StrategyPnL(realizedPaise: 1_000, unrealizedPaise: -200, asOf: t0))

        #expect(try await f.strategies.recordPnL(strategyID: id, realizedPaise: 1_500, unrealizedPaise: 300, asOf: t0 + .seconds(5)))
        let pnl = try await f.strategy(of: user, f.live).pnl
        #expect(pnl == StrategyPnL(realizedPaise: 1_500, unrealizedPaise: 300, asOf: t0 + .seconds(5)) && pnl.currency == "INR")
    }

    @Test func aPnLReportForAnUnknownStrategy_isNotFound() async throws {
        let f = try await StrategiesFixture()
        await expectDomainError(.notFound) {
            _ = try await f.strategies.recordPnL(strategyID: "stg_unknown", realizedPaise: 1, unrealizedPaise: 1, asOf: f.clock.now())
        }
    }
}
